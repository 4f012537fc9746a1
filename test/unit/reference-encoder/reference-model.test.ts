import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { CODEBOOK_SIZE, LAYER_COUNT, SAMPLES_PER_FRAME } from '../../../src/domain/contract.js';
import { parseManifest } from '../../../src/tokenizer/model-manifest.js';
import { MODEL_ID, SHIPPED_MODEL_IDS } from '../../../scripts/build-model/model-identity.js';
import { mulberry32 } from '../../../scripts/build-model/prng.js';
import { repoRoot } from '../../support/paths.js';

/** 3 s of tones, seeded noise and clicks: enough variety to exercise every layer. */
function testSignal(samples: number): Float32Array {
  const random = mulberry32(7);
  return Float32Array.from({ length: samples }, (_, n) => {
    const click = n % 9000 < 40 ? 0.6 : 0;
    return 0.2 * Math.sin(n * 0.05) + 0.1 * Math.sin(n * 0.61 + Math.sin(n * 1e-4)) + 0.05 * (random() - 0.5) + click;
  });
}

for (const id of SHIPPED_MODEL_IDS) describe(`the committed reference encoder (models/${id})`, () => {
  const modelDir = join(repoRoot(), 'models', id);
  let session: ort.InferenceSession;
  const encode = async (samples: Float32Array) => {
    const out = (await session.run({ audio: new ort.Tensor('float32', samples, [1, samples.length]) }))['codes']!;
    return { dims: out.dims, tokens: Array.from(out.data as BigInt64Array, Number) };
  };

  before(async () => {
    session = await ort.InferenceSession.create(join(modelDir, 'model.onnx'));
  });
  after(async () => {
    await session.release();
  });

  it('is the file its manifest names, by sha256, and at most 25 MB', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')), 'manifest.json');
    const bytes = readFileSync(join(modelDir, manifest.onnx));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), manifest.sha256);
    assert.ok(statSync(join(modelDir, manifest.onnx)).size <= 25 * 1024 * 1024);
  });

  it('has a manifest that declares the contract, layout (c) and a frame-local encoder', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')), 'manifest.json');
    assert.equal(manifest.id, id);
    assert.equal(manifest.family, 'tokenscope-reference');
    assert.equal(manifest.layout, 'plain-audio');
    assert.deepEqual([manifest.inputs.waveform, manifest.outputs.codes], ['audio', 'codes']);
    assert.deepEqual([manifest.contextual, manifest.chunkOverlapFrames], [false, 0]);
    assert.deepEqual([session.inputNames, session.outputNames], [['audio'], ['codes']]);
  });

  for (const samples of [1, 1919, 1920, 1921]) {
    it(`gives ceil(T / 1920) frames of 16 tokens for T = ${samples}`, async () => {
      const { dims } = await encode(testSignal(samples));
      assert.deepEqual(dims, [1, Math.ceil(samples / SAMPLES_PER_FRAME), LAYER_COUNT]);
    });
  }

  it('gives tokens 0..2047 and the same codes on every run', async () => {
    const signal = testSignal(72_000);
    const first = await encode(signal);
    assert.ok(first.tokens.every((t) => Number.isInteger(t) && t >= 0 && t < CODEBOOK_SIZE));
    assert.deepEqual((await encode(signal)).tokens, first.tokens);
  });

  it('gives the same codes whether the audio is encoded whole or in chunks of whole frames', async () => {
    const signal = testSignal(72_000 + 700); // 38 frames, the last one partial
    const whole = (await encode(signal)).tokens;
    for (const chunkFrames of [1, 7, 16]) {
      const pieces: number[] = [];
      for (let start = 0; start < signal.length; start += chunkFrames * SAMPLES_PER_FRAME) {
        pieces.push(...(await encode(signal.subarray(start, start + chunkFrames * SAMPLES_PER_FRAME))).tokens);
      }
      assert.deepEqual(pieces, whole, `chunks of ${chunkFrames} frames`);
    }
  });

  it('codes a frame from its own samples only: changing one frame changes no other frame', async () => {
    const signal = testSignal(10 * SAMPLES_PER_FRAME);
    const original = (await encode(signal)).tokens;
    const changed = signal.slice();
    for (let n = 4 * SAMPLES_PER_FRAME; n < 5 * SAMPLES_PER_FRAME; n++) changed[n] = 0.5 * Math.sin(n * 0.3);
    const altered = (await encode(changed)).tokens;
    for (let f = 0; f < 10; f++) {
      const same = original.slice(f * 16, f * 16 + 16).join() === altered.slice(f * 16, f * 16 + 16).join();
      assert.equal(same, f !== 4, `frame ${f}`);
    }
  });
});

describe('the shipped reference encoders', () => {
  it('make v2 the default, trained without the evaluation mixtures, and keep v1, trained with them', () => {
    const provenance = (id: string) => parseManifest(JSON.parse(readFileSync(join(repoRoot(), 'models', id, 'manifest.json'), 'utf8')), 'manifest.json').provenance;
    assert.equal(MODEL_ID, 'tokenscope-ref-v2');
    assert.match(provenance('tokenscope-ref-v2'), /folders events, speech, background; mixtures excluded, so no evaluation audio is inside the encoder: 175 WAV files, 272\.3 s/);
    assert.match(provenance('tokenscope-ref-v1'), /215 WAV files, 1141\.3 s of events, speech, backgrounds and mixtures/);
  });
});
