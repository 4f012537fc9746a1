import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { killStrays, runCli, startServe } from '../support/cli-process.js';
import { testSignal, writeWav } from '../support/wav.js';

const manifest = async (path: string): Promise<string> => gunzipSync(await readFile(path)).toString('utf8');

/**
 * `tokenscope lhotse export` beside a running server that shows paths relative to its data roots
 * to anonymous readers: the manifests name the files by the absolute paths a local export writes.
 */
describe('tokenscope lhotse export beside a running server', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-lhotse-served-'));
    const audio = join(dir, 'audio');
    await mkdir(audio);
    await writeWav(join(audio, 'one.wav'), testSignal(2, 24_000, 1), 24_000);
    await writeFile(join(audio, 'one.txt'), '0.1\t0.3\tcough\n');
    await writeWav(join(audio, 'two.wav'), testSignal(2, 24_000, 2), 24_000);
    // Ingested through a symlinked folder: the store keeps the real paths.
    await symlink(audio, join(dir, 'linked'));
    db = join(dir, 'lhotse.duckdb');
    const r = await runCli(['ingest', join(dir, 'linked'), '--corpus', 'src', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => {
    killStrays();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same manifests through the server (a data root around the audio, an API key) as it writes alone', async () => {
    const alone = join(dir, 'alone');
    const a = await runCli(['lhotse', 'export', '--corpus', 'src', '--out', alone, '--db', db]);
    assert.equal(a.code, 0, a.stderr);
    const server = await startServe(['--db', db, '--data-root', join(dir, 'audio')], { TOKENSCOPE_API_KEY: 'k'.repeat(32) });
    try {
      const anonymous = await server.graphql<{ audios: { nodes: { source: { path: string } }[] } }>('{ audios(corpus: "src", first: 10) { nodes { source { path } } } }');
      assert.deepEqual(anonymous.data?.audios.nodes.map((n) => n.source.path), ['<root 1>/one.wav', '<root 1>/two.wav'], 'anonymous readers see paths relative to their root');
      const served = join(dir, 'served');
      const s = await runCli(['lhotse', 'export', '--corpus', 'src', '--out', served, '--db', db]);
      assert.equal(s.code, 0, s.stderr);
      assert.match(s.stderr, /through the server/);
      assert.equal(s.stdout, a.stdout.split(alone).join(served));
      for (const file of ['recordings.jsonl.gz', 'supervisions.jsonl.gz']) assert.equal(await manifest(join(served, file)), await manifest(join(alone, file)), file);
      assert.match(await manifest(join(served, 'recordings.jsonl.gz')), new RegExp(`"source":"${join(dir, 'audio', 'one.wav').replace(/[.]/g, '\\.')}"`));
    } finally {
      server.child.kill('SIGINT');
      await server.finished;
    }
  });
});
