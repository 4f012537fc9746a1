import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ingestCommand } from '../../src/cli/commands/ingest.js';
import { stabilityCommand } from '../../src/cli/commands/stability.js';
import { killStrays, runCli, startServe } from '../support/cli-process.js';
import { printed } from '../support/printed.js';
import { testSignal, writeWav } from '../support/wav.js';

describe('tokenscope stability beside a running server', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-stability-served-'));
    db = join(dir, 'served.duckdb');
    await mkdir(join(dir, 'audio'));
    for (const i of [0, 1]) await writeWav(join(dir, 'audio', `t${i}.wav`), testSignal(2.5, 24000, i + 1), 24000);
    assert.equal((await printed(() => ingestCommand([join(dir, 'audio')], { corpus: 'tones', db }))).result, 0);
  });
  after(async () => {
    killStrays();
    await rm(dir, { recursive: true, force: true });
  });

  it('goes through the server that holds the database and prints what it prints without one', async () => {
    const alone = await printed(() => stabilityCommand({ corpus: 'tones', perturb: ['gain:db=-6', 'shift:samples=1'], db }));
    assert.equal(alone.result, 0);
    const server = await startServe(['--db', db]);
    try {
      const served = await runCli(['stability', '--corpus', 'tones', '--perturb', 'gain:db=-6', '--perturb', 'shift:samples=1', '--db', db]);
      assert.equal(served.code, 0, served.stderr);
      assert.match(served.stderr, new RegExp(`\\(through the server at ${server.origin}/graphql, pid ${server.child.pid}`));
      assert.equal(served.stdout, alone.stdout);
      const listed = await server.graphql<{ corpus: { stability: { perturbation: string; audios: number }[] } }>('{ corpus(name: "tones") { stability { perturbation audios } } }');
      assert.deepEqual(listed.data?.corpus.stability, [
        { perturbation: 'gain:db=-6', audios: 2 },
        { perturbation: 'shift:samples=1', audios: 2 },
      ]);
    } finally {
      server.child.kill('SIGINT');
      await server.finished;
    }
  });
});
