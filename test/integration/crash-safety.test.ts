import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { writeNpy } from '../../src/ingest/codes/npy-writer.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/store.js';
import { killStrays, runCli, startCli, startServe, waitForOutput } from '../support/cli-process.js';
import type { ServeProcess } from '../support/cli-process.js';
import { jsonlLine, randomRows, seededRandom } from '../support/code-files.js';
import { testSignal, writeWav } from '../support/wav.js';

/**
 * Real processes, killed (SIGKILL, as `kill -9`) or interrupted (SIGINT, SIGTERM) at the moments
 * that matter; afterwards the database must open, hold everything that was acknowledged, agree
 * with itself (integrity checks) and take the same command again storing the rest, nothing twice.
 */

/** What a database holds, read after every process on it has ended. */
interface Held {
  /** Source path (and line) of every stored audio, sorted: a duplicate would show twice. */
  sources: string[];
  ids: number[];
  problems: string[];
  schemaVersion: number;
}

async function inspect(db: string): Promise<Held> {
  const store = await openStore(db);
  try {
    const sources: string[] = [];
    const ids: number[] = [];
    for (const corpus of await store.corpora.list()) {
      for (const a of await store.audios.listByCorpus(corpus.id, 100_000)) {
        sources.push(`${corpus.name}:${a.sourcePath}${a.sourceLine === null ? '' : `#${a.sourceLine}`}`);
        ids.push(a.id);
      }
    }
    const problems = (await store.checkIntegrity()).map((p) => `${p.check}: ${p.count}`);
    const [row] = await store.db.query('SELECT max(version) AS v FROM schema_migrations');
    return { sources: sources.sort(), ids: ids.sort((a, b) => a - b), problems, schemaVersion: Number(row?.['v']) };
  } finally {
    await store.close();
  }
}

const LATEST = migrations.at(-1)!.version;
const MATRICES_PER_FILE = 3;

describe('crash safety (real processes)', () => {
  let dir: string;
  let codes: string;
  let wavs: string;
  let codeFiles: string[];
  let wavFiles: string[];
  let n = 0;
  const freshDb = () => join(dir, `db-${++n}.duckdb`);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-crash-'));
    codes = join(dir, 'codes');
    wavs = join(dir, 'wavs');
    await mkdir(codes);
    await mkdir(wavs);
    const random = seededRandom(8);
    codeFiles = [];
    for (let f = 0; f < 12; f++) {
      const path = join(codes, `part-${String(f).padStart(2, '0')}.jsonl`);
      const lines = Array.from({ length: MATRICES_PER_FILE }, (_, i) => jsonlLine(randomRows(random, 20 + f + i), { audio: `f${f}-${i}.wav`, text: `file ${f} item ${i}` }));
      await writeFile(path, lines.map((l) => `${l}\n`).join(''));
      codeFiles.push(path);
    }
    wavFiles = [];
    for (let f = 0; f < 6; f++) {
      const path = join(wavs, `take-${f}.wav`);
      await writeWav(path, testSignal(2 + f * 0.25, 16_000, f + 1), 16_000);
      wavFiles.push(path);
    }
  });
  after(async () => {
    killStrays();
    await rm(dir, { recursive: true, force: true });
  });

  describe('a new database', () => {
    it('opens after `serve` on a new file is killed with SIGKILL once it listens (before any checkpoint)', async () => {
      const db = freshDb();
      const server = await startServe(['--db', db]);
      server.child.kill('SIGKILL');
      assert.equal((await server.finished).signal, 'SIGKILL');
      const held = await inspect(db);
      assert.deepEqual({ version: held.schemaVersion, problems: held.problems, audios: held.ids.length }, { version: LATEST, problems: [], audios: 0 });
    });

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`stops \`serve\` in order on ${signal}: exit ${signal === 'SIGINT' ? 130 : 143}, store closed with no WAL left`, async () => {
        const db = freshDb();
        const server = await startServe(['--db', db]);
        assert.ok((await server.graphql('{ corpora { name } }')).data, 'answers before the signal');
        server.child.kill(signal);
        const done = await server.finished;
        assert.equal(done.code, signal === 'SIGINT' ? 130 : 143, done.stdout + done.stderr);
        assert.match(done.stdout, /stopped; database .* closed/);
        assert.equal(existsSync(`${db}.wal`), false, 'a clean close checkpoints');
        assert.equal((await inspect(db)).schemaVersion, LATEST);
      });
    }

    it('opens and migrates again after a kill between the migrations’ commit and their checkpoint', async () => {
      const db = freshDb();
      const killed = await runCli(['ingest-codes', codeFiles[0]!, '--corpus', 'c', '--db', db], { TOKENSCOPE_CRASH_AT: 'migrations-committed' });
      assert.equal(killed.signal, 'SIGKILL');
      assert.ok(existsSync(`${db}.migrating`) && existsSync(`${db}.wal`), 'killed inside the window: marker and WAL are there');
      const again = await runCli(['ingest-codes', codeFiles[0]!, '--corpus', 'c', '--db', db]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stderr, /closed while migrating/);
      assert.equal(existsSync(`${db}.migrating`), false);
      const held = await inspect(db);
      assert.deepEqual({ version: held.schemaVersion, problems: held.problems, audios: held.ids.length }, { version: LATEST, problems: [], audios: MATRICES_PER_FILE });
    });
  });

  describe('a code ingest (CLI)', () => {
    for (const [point, committed] of [
      ['ingest-before-commit', 3],
      ['ingest-after-commit', 4],
    ] as const) {
      it(`keeps exactly the committed files when killed at ${point} of the 4th file, and a rerun stores the rest once`, async () => {
        const db = freshDb();
        const killed = await runCli(['ingest-codes', codes, '--corpus', 'c', '--db', db], { TOKENSCOPE_CRASH_AT: point, TOKENSCOPE_CRASH_AFTER: '4' });
        assert.equal(killed.signal, 'SIGKILL');
        const held = await inspect(db);
        assert.deepEqual(held.problems, []);
        assert.deepEqual(
          held.sources,
          codeFiles.slice(0, committed).flatMap((f) => Array.from({ length: MATRICES_PER_FILE }, (_, i) => `c:${f}#${i + 1}`)).sort(),
        );
        const rerun = await runCli(['ingest-codes', codes, '--corpus', 'c', '--db', db]);
        assert.equal(rerun.code, 0, rerun.stderr);
        assert.match(rerun.stdout, new RegExp(`${(12 - committed) * MATRICES_PER_FILE} audios ingested, ${committed * MATRICES_PER_FILE} already present`));
        const final = await inspect(db);
        assert.deepEqual({ audios: final.sources.length, distinct: new Set(final.sources).size, problems: final.problems }, { audios: 36, distinct: 36, problems: [] });
      });
    }

    it('prints its summary and exits 130 on Ctrl-C mid-batch; what it reported stored is there', async () => {
      const db = freshDb();
      const stopped = await runCli(['ingest-codes', codes, '--corpus', 'c', '--db', db], { TOKENSCOPE_CRASH_AT: 'ingest-after-commit', TOKENSCOPE_CRASH_AFTER: '2', TOKENSCOPE_CRASH_SIGNAL: 'SIGINT' });
      assert.equal(stopped.code, 130, stopped.stderr);
      const summary = /(\d+) audios ingested, 0 already present/.exec(stopped.stdout);
      assert.ok(summary, `a summary is printed:\n${stopped.stdout}`);
      assert.match(stopped.stdout, /files not started \(interrupted/);
      const held = await inspect(db);
      assert.equal(held.ids.length, Number(summary[1]));
      assert.ok(held.ids.length >= 2 * MATRICES_PER_FILE && held.ids.length < 36, `stopped after the file in hand (${held.ids.length} stored)`);
      assert.deepEqual(held.problems, []);
    });

    it('reclaims the space a large write left in the file when it was killed while committing', async () => {
      const db = freshDb();
      const created = await runCli(['ingest-codes', codeFiles[0]!, '--corpus', 'c', '--db', db]);
      assert.equal(created.code, 0, created.stderr);
      const before = statSync(db).size;
      // 600,000 random frames: at COMMIT DuckDB writes their row groups straight into the database
      // file (not the WAL), then records them; killed in between, those blocks belong to nothing.
      const big = join(dir, 'big.npy');
      const random = seededRandom(5);
      const tokens = new Uint16Array(600_000 * LAYER_COUNT);
      for (let i = 0; i < tokens.length; i++) tokens[i] = Math.floor(random() * 2048);
      await writeNpy(big, codeMatrix(tokens));
      const ingest = startCli(['ingest-codes', big, '--corpus', 'c', '--db', db]);
      const watch = setInterval(() => {
        if (statSync(db).size > before + 2 * 2 ** 20) ingest.child.kill('SIGKILL');
      }, 1);
      const killed = await ingest.finished.finally(() => clearInterval(watch));
      assert.equal(killed.signal, 'SIGKILL', 'killed while its commit was writing blocks');
      const grown = statSync(db).size;
      const check = await runCli(['check', '--db', db]);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.match(check.stderr, /reclaimed [\d.]+ MiB/);
      assert.ok(statSync(db).size <= before + 2 ** 18, `back to ${statSync(db).size} bytes from ${grown} (was ${before})`);
      assert.equal((await inspect(db)).ids.length, MATRICES_PER_FILE, 'the killed file is not stored, the earlier one is');
      const rerun = await runCli(['ingest-codes', big, '--corpus', 'c', '--db', db]);
      assert.equal(rerun.code, 0, rerun.stderr);
      const final = await inspect(db);
      assert.deepEqual({ audios: final.ids.length, problems: final.problems }, { audios: MATRICES_PER_FILE + 1, problems: [] });
    });
  });

  describe('an audio ingest (CLI)', () => {
    it('keeps the committed audios when killed inside the 3rd file’s transaction; a rerun stores the rest once', async () => {
      const db = freshDb();
      const killed = await runCli(['ingest', wavs, '--corpus', 'w', '--db', db], { TOKENSCOPE_CRASH_AT: 'ingest-before-commit', TOKENSCOPE_CRASH_AFTER: '3' });
      assert.equal(killed.signal, 'SIGKILL');
      const held = await inspect(db);
      assert.deepEqual({ audios: held.ids.length, problems: held.problems }, { audios: 2, problems: [] });
      const rerun = await runCli(['ingest', wavs, '--corpus', 'w', '--db', db]);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stdout, /4 ingested, 2 already present, 0 failed/);
      const final = await inspect(db);
      assert.deepEqual({ sources: final.sources, problems: final.problems }, { sources: wavFiles.map((f) => `w:${f}`).sort(), problems: [] });
    });
  });

  describe('a server', () => {
    const ingestCodes = `mutation($paths: [String!]!) { ingestCodes(corpus: "s", paths: $paths) { ingested alreadyPresent files { audioIds } } }`;
    const ingestAudio = `mutation($paths: [String!]!) { ingestAudio(corpus: "w", paths: $paths) { id } }`;
    const job = `query($id: ID!) { ingestJob(id: $id) { phase filesDone results { path status audioIds } } }`;

    async function acknowledgedCodes(server: ServeProcess, files: readonly string[], killAfter: number): Promise<number[]> {
      const ids: number[] = [];
      for (const [i, file] of files.entries()) {
        const answer = server.graphql<{ ingestCodes: { files: { audioIds: number[] }[] } }>(ingestCodes, { paths: [file] });
        if (i === killAfter) {
          server.child.kill('SIGKILL'); // while this mutation is in flight: it was never acknowledged
          await answer.catch(() => undefined);
          break;
        }
        const { data, errors } = await answer;
        assert.equal(errors, undefined);
        ids.push(...data!.ingestCodes.files.flatMap((f) => f.audioIds.map(Number)));
      }
      await server.finished;
      return ids;
    }

    it('keeps every ingestCodes answer after SIGKILL of a new database’s server, and the resend stores nothing twice', async () => {
      const db = freshDb();
      const server = await startServe(['--db', db, '--data-root', dir]);
      const acknowledged = await acknowledgedCodes(server, codeFiles, 5);
      assert.equal(acknowledged.length, 5 * MATRICES_PER_FILE);
      const held = await inspect(db);
      assert.deepEqual(held.problems, []);
      for (const id of acknowledged) assert.ok(held.ids.includes(id), `acknowledged audio ${id} is stored`);
      const again = await startServe(['--db', db, '--data-root', dir]);
      try {
        const { data } = await again.graphql<{ ingestCodes: { ingested: number; alreadyPresent: number } }>(ingestCodes, { paths: [codes] });
        assert.equal(data!.ingestCodes.ingested + data!.ingestCodes.alreadyPresent, 36);
        assert.ok(data!.ingestCodes.alreadyPresent >= acknowledged.length);
      } finally {
        again.child.kill('SIGTERM');
        assert.equal((await again.finished).code, 143);
      }
      const final = await inspect(db);
      assert.deepEqual({ audios: final.ids.length, distinct: new Set(final.sources).size, problems: final.problems }, { audios: 36, distinct: 36, problems: [] });
    });

    it('keeps the files a server-side ingest job reported when the server is killed mid-job; the rerun job stores the rest', async () => {
      const db = freshDb();
      const server = await startServe(['--db', db, '--data-root', dir], { TOKENSCOPE_CRASH_AT: 'ingest-before-commit', TOKENSCOPE_CRASH_AFTER: '4' });
      const { data } = await server.graphql<{ ingestAudio: { id: string } }>(ingestAudio, { paths: [wavs] });
      let reported: { path: string; status: string; audioIds: number[] }[] = [];
      for (;;) {
        const polled = await server.graphql<{ ingestJob: { results: typeof reported } }>(job, { id: data!.ingestAudio.id }).catch(() => null);
        if (!polled) break; // killed inside the 4th file
        reported = polled.data!.ingestJob.results;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal((await server.finished).signal, 'SIGKILL');
      const held = await inspect(db);
      assert.deepEqual({ audios: held.ids.length, problems: held.problems }, { audios: 3, problems: [] });
      for (const r of reported.filter((x) => x.status === 'INGESTED')) for (const id of r.audioIds) assert.ok(held.ids.includes(Number(id)));
      const again = await startServe(['--db', db, '--data-root', dir]);
      try {
        const started = await again.graphql<{ ingestAudio: { id: string } }>(ingestAudio, { paths: [wavs] });
        let phase = '';
        let results: { status: string }[] = [];
        while (phase !== 'SUCCEEDED' && phase !== 'FAILED') {
          await new Promise((r) => setTimeout(r, 50));
          const polled = await again.graphql<{ ingestJob: { phase: string; results: { status: string }[] } }>(job, { id: started.data!.ingestAudio.id });
          ({ phase, results } = polled.data!.ingestJob);
        }
        assert.deepEqual(results.map((r) => r.status).sort(), ['ALREADY_PRESENT', 'ALREADY_PRESENT', 'ALREADY_PRESENT', 'INGESTED', 'INGESTED', 'INGESTED']);
      } finally {
        again.child.kill('SIGINT');
        assert.equal((await again.finished).code, 130);
      }
      assert.deepEqual((await inspect(db)).problems, []);
    });

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`finishes the file in hand and closes in order on ${signal} during an ingest job`, async () => {
        const db = freshDb();
        const server = await startServe(['--db', db, '--data-root', dir], { TOKENSCOPE_CRASH_AT: 'ingest-after-commit', TOKENSCOPE_CRASH_AFTER: '2', TOKENSCOPE_CRASH_SIGNAL: signal });
        const started = await server.graphql<{ ingestAudio: { id: string } }>(ingestAudio, { paths: [wavs] });
        assert.ok(started.data, JSON.stringify(started.errors));
        const done = await server.finished;
        assert.equal(done.code, signal === 'SIGINT' ? 130 : 143, done.stdout + done.stderr);
        assert.match(done.stdout, /stopped; database .* closed/);
        assert.equal(existsSync(`${db}.wal`), false);
        const held = await inspect(db);
        assert.deepEqual(held.problems, []);
        assert.ok(held.ids.length >= 2 && held.ids.length < 6, `stopped after the file(s) in hand: ${held.ids.length} stored`);
      });
    }

    it('refuses a port in use with one coded line, and leaves its own database closed', async () => {
      const server = await startServe(['--db', freshDb()]);
      const db = freshDb();
      try {
        const port = new URL(server.origin).port;
        const second = await runCli(['serve', '--db', db, '--port', port]);
        assert.equal(second.code, 1);
        assert.equal(second.stderr.trim(), `error [ADDRESS_IN_USE]: cannot listen on 127.0.0.1:${port}: the port is in use by another process; choose another with --port (TOKENSCOPE_PORT), or 0 for any free one`);
        assert.equal(existsSync(`${db}.wal`), false, 'the store was closed in order');
      } finally {
        server.child.kill('SIGINT');
        await server.finished;
      }
    });

    it('says at start how many audios cannot be played and which --data-root would allow them', async () => {
      const db = freshDb();
      assert.equal((await runCli(['ingest', wavs, '--corpus', 'w', '--db', db])).code, 0);
      const outside = await startServe(['--db', db, '--data-root', codes]);
      try {
        await waitForOutput(outside, new RegExp(`note: 6 audios cannot be played in the dashboard: their files lie outside the data roots, in ${wavs}; to play them, start with --data-root ${wavs}`));
      } finally {
        outside.child.kill('SIGINT');
        await outside.finished;
      }
      const inside = await startServe(['--db', db, '--data-root', dir]);
      inside.child.kill('SIGINT');
      assert.doesNotMatch((await inside.finished).stdout, /cannot be played/);
    });

    it('answers DATABASE_BUSY naming the holder when a process that announces no server holds the database', async () => {
      const db = freshDb();
      const server = await startServe(['--db', db]);
      try {
        // Without its server file, the server is just a process holding the lock (as a long CLI ingest is).
        await rm(`${db}.server.json`);
        const busy = startCli(['corpora', '--db', db]);
        await waitForOutput(busy, /error \[DATABASE_BUSY\]/);
        const done = await busy.finished;
        assert.equal(done.code, 1);
        assert.match(done.stderr, new RegExp(`in use by another process \\(.*PID ${server.child.pid}\\)`));
      } finally {
        server.child.kill('SIGINT');
        await server.finished;
      }
    });
  });
});
