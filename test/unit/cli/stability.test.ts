import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunStabilityMutation } from '../../../src/client/generated/graphql.js';
import { ingestCommand } from '../../../src/cli/commands/ingest.js';
import { stabilityCommand } from '../../../src/cli/commands/stability.js';
import type { StabilityCliOptions } from '../../../src/cli/commands/stability.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { openStore } from '../../../src/store/store.js';
import { killStrays, runCli, startCli, waitForOutput } from '../../support/cli-process.js';
import { printed } from '../../support/printed.js';
import { writeWav } from '../../support/wav.js';

type Run = RunStabilityMutation['runStability'][number];


/** `seconds` of a tone at `hz` with seeded noise bursts every other second: something the reference encoder has to code. */
function toneWithBursts(seconds: number, hz: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(Math.round(seconds * 24000));
  for (let i = 0; i < out.length; i++) out[i] = 0.25 * Math.sin((2 * Math.PI * hz * i) / 24000) + (Math.floor(i / 24000) % 2 ? 0.3 * (random() - 0.5) : 0);
  return out;
}

describe('tokenscope stability', () => {
  let dir: string;
  let db: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-stability-cli-'));
    db = join(dir, 'stability.duckdb');
    await mkdir(join(dir, 'audio'));
    for (const [i, hz] of [220, 330, 550].entries()) await writeWav(join(dir, 'audio', `tone${i}.wav`), toneWithBursts(3, hz, i + 1), 24000);
    // In this process (a CLI process costs seconds to start); the end-to-end test below runs the real CLI.
    const { result } = await printed(() => ingestCommand([join(dir, 'audio')], { corpus: 'tones', db }));
    assert.equal(result, 0);
  });
  after(async () => {
    killStrays();
    await rm(dir, { recursive: true, force: true });
  });

  const stability = (options: Omit<StabilityCliOptions, 'db'>) => printed(() => stabilityCommand({ ...options, db }));

  it('measures 100 % agreement under a 0 dB gain and less under noise at 10 dB SNR, with the reference encoder (the CLI process)', async () => {
    const r = await runCli(['stability', '--corpus', 'tones', '--perturb', 'gain:db=0', '--perturb', 'noise:snr=10', '--json', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const [gain, noise] = JSON.parse(r.stdout) as Run[];
    assert.deepEqual([gain!.perturbation, noise!.perturbation], ['gain:db=0', 'noise:snr=10,colour=white,seed=0']);
    for (const run of [gain!, noise!]) {
      assert.equal(run.model, 'tokenscope-ref-v2');
      assert.equal(run.audios, 3);
      assert.equal(run.frames, 3 * 38);
      assert.equal(run.layers.length, 16);
    }
    assert.deepEqual(gain!.layers.map((l) => l.agreeing), new Array(16).fill(114));
    assert.deepEqual(gain!.layers.map((l) => l.edits), new Array(16).fill(0));
    // White noise at 10 dB moves most tokens of a residual quantiser, the finest layers most.
    assert.ok(noise!.layers.every((l) => l.agreement! < 0.9), noise!.layers.map((l) => l.agreement).join(' '));
    assert.ok(noise!.layers.every((l) => l.unitEditDistance! > 0));
  });

  it('stores a decode-and-re-encode round trip through the reference decoder', async () => {
    const r = await stability({ corpus: 'tones', perturb: ['roundtrip:layers=1-16'], json: true });
    const [roundtrip] = JSON.parse(r.stdout) as Run[];
    assert.deepEqual([roundtrip!.perturbation, roundtrip!.audios, roundtrip!.frames, roundtrip!.layers.length], ['roundtrip:layers=1-16', 3, 114, 16]);
    // The signal-processing reference decoder renders features, not the waveform: re-encoding moves tokens.
    assert.ok(roundtrip!.layers.every((l) => l.agreeing <= l.frames) && roundtrip!.layers.some((l) => l.agreement! < 1));
  });

  it('prints a per-layer table of agreement % and UED for each perturbation', async () => {
    const r = await stability({ corpus: 'tones', perturb: ['gain:db=0'] });
    assert.equal(r.result, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^gain:db=0: 3 audios, 114 frames, re-encoded by tokenscope-ref-v2 \(sha256 [0-9a-f]{12}…\)$/);
    assert.match(lines[1]!, /^layer\s+agreement %\s+UED\s+agreeing\s+frames\s+edits\s+units$/);
    assert.equal(lines.length, 3 + 16);
    for (const [i, line] of lines.slice(3).entries()) assert.match(line, new RegExp(`^\\s*${i + 1}\\s+100\\.00\\s+0\\.0000\\s+114\\s+114\\s+0\\s+\\d+$`));
  });

  it('stops at the first Ctrl-C with exit status 130, storing nothing and keeping the runs stored before', async () => {
    const runIds = async () => {
      const store = await openStore(db);
      try {
        const [corpus] = await store.corpora.requireByNames(['tones']);
        return (await store.stabilityRuns.list(corpus!.id)).map((r) => `${r.id}:${r.perturbation}`);
      } finally {
        await store.close();
      }
    };
    const before = await runIds();
    // 12 perturbations (the most a run holds) of three audios take seconds; the signal comes as soon as the command says it is measuring.
    const perturbations = [...Array.from({ length: 6 }, (_, i) => `noise:snr=${i + 5}`), ...Array.from({ length: 6 }, (_, i) => `gain:db=${i + 1}`)];
    const running = startCli(['stability', '--corpus', 'tones', ...perturbations.flatMap((p) => ['--perturb', p]), '--db', db]);
    await waitForOutput(running, /measuring corpus tones under 12 perturbations/);
    running.child.kill('SIGINT');
    const finished = await running.finished;
    assert.equal(finished.code, 130, finished.stderr);
    assert.match(finished.stderr, /interrupted: this run stores nothing \(the runs stored before are kept\)/);
    assert.equal(finished.stdout, '');
    assert.deepEqual(await runIds(), before);
  });

  describe('misuse', () => {
    it('refuses a bad perturbation with INVALID_ARGUMENT naming what is wrong', async () => {
      await assert.rejects(stability({ corpus: 'tones', perturb: ['gain:dB=-6'] }), { code: 'INVALID_ARGUMENT', message: /^perturbation "gain:dB=-6": gain takes db, got "dB"$/ });
    });

    it('answers NOT_FOUND for an unknown corpus', async () => {
      await assert.rejects(stability({ corpus: 'nowhere', perturb: ['gain:db=0'] }), { code: 'NOT_FOUND', message: /^corpus "nowhere" does not exist$/ });
    });
  });
});
