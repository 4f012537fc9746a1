import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/store.js';
import { killStrays, runCli, startServe } from '../support/cli-process.js';
import type { Finished } from '../support/cli-process.js';
import { testSignal, writeWav } from '../support/wav.js';

/**
 * `tokenscope check` beside a running server (DESIGN.md, "One database, many processes"): it goes
 * through the server's integrityCheck query and prints what it prints on a file it opens itself,
 * with the same exit code.
 */

/** Runs `check` on `db` with no server, then with `serve` holding it (in another process). */
async function checkAloneAndServed(db: string, env: Record<string, string> = {}): Promise<{ alone: Finished; served: Finished; origin: string; pid: number }> {
  const alone = await runCli(['check', '--db', db]);
  const server = await startServe(['--db', db], env);
  try {
    const served = await runCli(['check', '--db', db]);
    return { alone, served, origin: server.origin, pid: server.child.pid! };
  } finally {
    server.child.kill('SIGINT');
    await server.finished;
  }
}

describe('tokenscope check beside a running server', { timeout: 120_000 }, () => {
  let dir: string;
  let audioDir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-check-'));
    audioDir = join(dir, 'audio');
    await mkdir(audioDir);
    for (let k = 1; k <= 2; k++) await writeWav(join(audioDir, `take${k}.wav`), testSignal(2, 24_000, k), 24_000);
    await writeFile(join(audioDir, 'take1.txt'), '0.5\t1\tburst\n');
  });
  after(async () => {
    killStrays();
    await rm(dir, { recursive: true, force: true });
  });

  async function ingested(name: string): Promise<string> {
    const db = join(dir, `${name}.duckdb`);
    const r = await runCli(['ingest', audioDir, '--corpus', 'takes', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    return db;
  }

  it('checks a sound database through the server: the same ok line and exit code 0 as on a file it opens itself', async () => {
    const db = await ingested('sound');
    const { alone, served, origin, pid } = await checkAloneAndServed(db);
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(served.code, 0, served.stderr);
    assert.equal(served.stdout, alone.stdout);
    assert.equal(alone.stdout, `ok: ${db} opens and every stored audio is whole (frames, layer aggregates, token counts, corpus counts agree; no orphan rows)\n`);
    assert.match(served.stderr, new RegExp(`\\(through the server at ${origin}/graphql, pid ${pid}, which holds `));
    assert.match(served.stderr, /recovery on open is not run again: the server ran it when it opened /);
    assert.doesNotMatch(served.stderr, /SERVER_RUNNING/);
  });

  it('names each broken invariant of a damaged database through the server as it does alone, exit code 1', async () => {
    const db = await ingested('damaged');
    const store = await openStore(db);
    try {
      await store.db.query('DELETE FROM frames WHERE frame = 0 AND audio_id = (SELECT min(id) FROM audios)');
    } finally {
      await store.close();
    }
    const { alone, served } = await checkAloneAndServed(db);
    assert.equal(alone.code, 1);
    assert.equal(served.code, 1);
    assert.equal(alone.stdout, 'broken: each audio has frame_count frames, numbered 0..frame_count-1 (1 row)\n');
    assert.equal(served.stdout, alone.stdout);
  });

  it('refuses integrityCheck to a caller without the API key, and answers it with the CLI token', async () => {
    const db = await ingested('keyed');
    const server = await startServe(['--db', db], { TOKENSCOPE_API_KEY: 'k'.repeat(32) });
    try {
      const anonymous = await server.graphql('{ integrityCheck { check count } }');
      assert.equal(anonymous.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
      assert.equal(anonymous.errors?.[0]?.message, 'integrityCheck scans every table and is for the CLI and API key holders: mutations need the API key: send Authorization: Bearer <key> or x-api-key');
      const keyed = await fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'k'.repeat(32)}` }, body: JSON.stringify({ query: '{ integrityCheck { check count } }' }) });
      assert.deepEqual(await keyed.json(), { data: { integrityCheck: [] } });
      const cli = await runCli(['check', '--db', db]);
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stdout, /^ok: /);
    } finally {
      server.child.kill('SIGINT');
      await server.finished;
    }
  });
});
