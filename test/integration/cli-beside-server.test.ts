import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killStrays, runCli, startServe } from '../support/cli-process.js';
import type { Finished, ServeProcess } from '../support/cli-process.js';
import { jsonlLine, randomRows, seededRandom } from '../support/code-files.js';
import { testSignal, writeWav } from '../support/wav.js';

/**
 * DESIGN.md, "One database, many processes": while `serve` holds a database, CLI commands on it
 * (started in other processes, with no extra flags) go through the server's API and print what
 * they print on a database they open themselves, with the same exit codes.
 */

/**
 * Output with what differs from run to run masked: durations, speeds, milliseconds, run ids and times, and audio
 * ids (commands running at once interleave their inserts).
 */
function normalise(text: string): string {
  return text
    .replace(/^(\S+\s+INGESTED\s+)\d+/gm, '$1ID')
    .replace(/^ *\d+(?=  )/gm, 'ID')
    .replace(/\b\d+(\.\d+)? s\b/g, 'T s')
    .replace(/\d+× real time/g, 'N× real time')
    .replace(/\b\d{4}-\d\d-\d\dT[\d:.]+Z\b/g, 'TIME')
    .replace(/\brun [0-9a-f-]{8,}\b/g, 'run ID')
    .replace(/ +\d+ +(-|[A-Z_]+)$/gm, ' MS $1') // the leaderboard's milliseconds column
    .replace(/ {2,}/g, '  ') // and the column widths that follow from it
    .replace(/ +$/gm, '');
}

/** The summary part of an output: the progress bar's lines (not a terminal: one per update) left out. */
function summary(f: Finished): string {
  return normalise(f.stdout.split('\n').filter((l) => !/^ingest /.test(l)).join('\n'));
}

describe('CLI commands beside a running server', { timeout: 240_000 }, () => {
  let dir: string;
  let audioDir: string;
  let codeFile: string;
  after(async () => {
    killStrays();
    await rm(dir, { recursive: true, force: true });
  });
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-beside-'));
    audioDir = join(dir, 'audio');
    await mkdir(audioDir);
    for (let k = 1; k <= 4; k++) {
      await writeWav(join(audioDir, `take${k}.wav`), testSignal(6, 24_000, k), 24_000);
      await writeFile(join(audioDir, `take${k}.txt`), '1\t2\tburst\n4\t5\tburst\n');
    }
    const random = seededRandom(7);
    codeFile = join(dir, 'codes.jsonl');
    await writeFile(codeFile, [1, 2, 3].map((k) => jsonlLine(randomRows(random, 40 + k), { audio: `line${k}.wav` })).join('\n'));
  });

  const compareArgs = ['compare', '--corpus', 'takes', '--detector', 'keyLayerVariance', '--detector', 'interLayerSpread', '--folds', '2', '--bootstrap', '20', '--seed', '3'];

  /**
   * ingest, ingest-codes, corpora, compare, audios on `db`: with a server, the first two and the last
   * three at once; without one, one after the other (one process holds a DuckDB file).
   */
  async function workflow(db: string, atOnce: boolean): Promise<Finished[]> {
    const steps = [
      [['ingest', audioDir, '--corpus', 'takes'], ['ingest-codes', codeFile, '--corpus', 'codes']],
      [['corpora'], compareArgs, ['audios', '--corpus', 'codes']],
    ];
    const out: Finished[] = [];
    for (const group of steps) {
      if (atOnce) out.push(...(await Promise.all(group.map((args) => runCli([...args, '--db', db])))));
      else for (const args of group) out.push(await runCli([...args, '--db', db]));
    }
    return out;
  }

  it('ingest, ingest-codes, corpora and compare run at once in other processes through the server, printing what they print without one', async () => {
    const alone = await workflow(join(dir, 'alone.duckdb'), false);
    for (const f of alone) assert.equal(f.code, 0, f.stderr);
    assert.doesNotMatch(alone.map((f) => f.stderr).join(''), /through the server/);

    const db = join(dir, 'served.duckdb');
    const server = await startServe(['--db', db]);
    try {
      const file = `${db}.server.json`;
      assert.ok(existsSync(file), 'serve announces itself beside the database');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'readable by its owner only: its token carries the CLI rights');
      const info = JSON.parse(await readFile(file, 'utf8')) as { pid: number; url: string; db: string };
      assert.equal(info.pid, server.child.pid);
      assert.equal(info.url, `${server.origin}/graphql`);
      assert.equal(info.db, db);

      const served = await workflow(db, true);
      for (const [k, f] of served.entries()) {
        assert.equal(f.code, 0, f.stderr);
        assert.match(f.stderr, new RegExp(`\\(through the server at ${server.origin}/graphql, pid ${server.child.pid}, which holds ${db.replace(/[.]/g, '\\.')}\\)`));
        assert.equal(summary(f), summary(alone[k]!), `command ${k} prints the same`);
      }
      assert.match(served[2]!.stdout, /takes +4 +\d+/);
      assert.match(served[3]!.stdout, /keyLayerVariance/);

      // Failures keep their codes and exit status.
      const missing = await runCli(['compare', '--corpus', 'nope', '--detector', 'keyLayerVariance', '--db', db]);
      const missingAlone = await runCli(['compare', '--corpus', 'nope', '--detector', 'keyLayerVariance', '--db', join(dir, 'alone.duckdb')]);
      assert.equal(missing.code, 1);
      assert.equal(missing.code, missingAlone.code);
      assert.equal(missing.stderr.split('\n').filter((l) => l.startsWith('error')).join('\n'), missingAlone.stderr.split('\n').filter((l) => l.startsWith('error')).join('\n'));
      assert.match(missing.stderr, /error \[NOT_FOUND\]/);
    } finally {
      server.child.kill('SIGINT');
      await server.finished;
    }
  });

  it('says SERVER_RUNNING, and what to do, where a command cannot go through the server', async () => {
    const db = join(dir, 'refusals.duckdb');
    let server: ServeProcess | undefined;
    try {
      server = await startServe(['--db', db]);
      const second = await runCli(['serve', '--port', '0', '--db', db]);
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`error \\[SERVER_RUNNING\\]: .*refusals\\.duckdb is already served at ${server.origin}/graphql \\(pid ${server.child.pid}\\)`));
      assert.equal(second.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
      const device = await runCli(['ingest', audioDir, '--corpus', 'x', '--device', 'cpu', '--db', db]);
      assert.equal(device.code, 1);
      assert.match(device.stderr, /error \[SERVER_RUNNING\]: .*encodes with its own settings; this command asks for --device cpu \(the server's: auto\): run it without those options, or stop the server/);
    } finally {
      server?.child.kill('SIGINT');
      await server?.finished;
    }
  });

  it('leaves no server file after a clean stop, and ignores the one a killed server left: commands then open the database themselves', async () => {
    const db = join(dir, 'stale.duckdb');
    const clean = await startServe(['--db', db]);
    clean.child.kill('SIGTERM');
    await clean.finished;
    assert.equal(existsSync(`${db}.server.json`), false);

    const killed = await startServe(['--db', db]);
    killed.child.kill('SIGKILL');
    await killed.finished;
    assert.equal(existsSync(`${db}.server.json`), true, 'kill -9 leaves the file');
    const corpora = await runCli(['corpora', '--db', db]);
    assert.equal(corpora.code, 0, corpora.stderr);
    assert.doesNotMatch(corpora.stderr, /through the server/);

    // A new server replaces the stale file with its own.
    const next = await startServe(['--db', db]);
    try {
      assert.equal((JSON.parse(await readFile(`${db}.server.json`, 'utf8')) as { pid: number }).pid, next.child.pid);
    } finally {
      next.child.kill('SIGINT');
      await next.finished;
    }
  });

  it('does not give the CLI rights to a request without the token, or with a wrong one', async () => {
    const db = join(dir, 'token.duckdb');
    const server = await startServe(['--db', db, '--data-root', join(dir, 'audio', 'none')]);
    try {
      const ingest = `mutation { ingestCodes(corpus: "c", paths: [${JSON.stringify(codeFile)}]) { ingested } }`;
      const anonymous = await server.graphql(ingest);
      assert.equal(anonymous.errors?.[0]?.extensions?.['code'], 'PATH_OUTSIDE_ROOTS', 'the dashboard is held to the data roots');
      const wrong = await fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tokenscope-cli': 'x'.repeat(43) }, body: JSON.stringify({ query: ingest }) });
      assert.equal(wrong.headers.get('x-tokenscope-cli'), null);
      assert.equal(((await wrong.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code, 'PATH_OUTSIDE_ROOTS');
      const token = (JSON.parse(await readFile(`${db}.server.json`, 'utf8')) as { token: string }).token;
      const right = await fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tokenscope-cli': token }, body: JSON.stringify({ query: ingest }) });
      assert.equal(right.headers.get('x-tokenscope-cli'), 'accepted');
      assert.deepEqual(await right.json(), { data: { ingestCodes: { ingested: 3 } } });
    } finally {
      server.child.kill('SIGINT');
      await server.finished;
    }
  });
});
