import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readAllAudio24k } from '../../src/audio/index.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';
import { compareExternalCodes, writePerturbedWavs } from '../../bench/stability/external-codes.js';
import { openReferenceEncoder } from '../../bench/stability/stability-corpus.js';
import type { StabilityAudio } from '../../bench/stability/stability-corpus.js';
import { REPORT_PERTURBATIONS, measureReport } from '../../bench/stability/stability-report.js';
import type { PooledEncoder } from '../../src/ingest/encoder-pool.js';

/** A seeded 2-s chirp with noise, as a stand-in for a mixture. */
function generated(seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: 48_000 - 700 * seed }, (_, i) => 0.2 * Math.sin((2 * Math.PI * (200 + 50 * seed) * i * (1 + i / 96_000)) / 24_000) + 0.02 * (random() - 0.5));
}

async function wavsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await wavsUnder(path)));
    else if (name.endsWith('.wav')) out.push(path);
  }
  return out.sort();
}

describe('the stability report from another model\'s codes (bench:stability --write-wavs, then --codes)', () => {
  let dir: string;
  let encoder: PooledEncoder;
  let close: () => Promise<void>;
  let audios: StabilityAudio[];
  const speech = [generated(7), generated(8)];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-stability-'));
    ({ encoder, close } = await openReferenceEncoder());
    audios = [];
    for (const seed of [1, 2]) {
      const samples = generated(seed);
      audios.push({ name: `gen_${seed}.wav`, samples, codes: await encoder.encode(samples) });
    }
  });
  after(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the report figure for figure when the codes are the same encoder\'s', async () => {
    const written = await writePerturbedWavs(audios, speech, dir);
    assert.equal(written, 2 * (REPORT_PERTURBATIONS.length + 1));
    // Stand in for the official tokenizer: encode every WAV written into one official JSONL.
    const lines: string[] = [];
    for (const wav of await wavsUnder(dir)) {
      const codes = await encoder.encode(await readAllAudio24k(wav));
      const rows = Array.from({ length: codes.frames }, (_, f) => Array.from(codes.tokens.subarray(f * 16, f * 16 + 16)));
      lines.push(JSON.stringify({ audio: wav, text: '', audio_codes: rows }));
    }
    const jsonl = join(dir, 'codes.jsonl');
    await writeFile(jsonl, `${lines.join('\n')}\n`);
    const external = await compareExternalCodes(jsonl, dir);
    const direct = await measureReport(audios, encoder, speech, () => undefined);
    assert.deepEqual(external, direct);
    assert.equal(external[0]!.perturbation, 'gain:db=0');
    assert.equal(external[0]!.layers[0]!.agreeing, external[0]!.frames);
  });

  it('refuses codes of a WAV it did not write, naming it', async () => {
    const jsonl = join(dir, 'stray.jsonl');
    await writeFile(jsonl, `${JSON.stringify({ audio: '/elsewhere/x.wav', audio_codes: [Array(16).fill(1)] })}\n`);
    await assert.rejects(compareExternalCodes(jsonl, dir), /\/elsewhere\/x\.wav is not one of the WAVs/);
  });
});
