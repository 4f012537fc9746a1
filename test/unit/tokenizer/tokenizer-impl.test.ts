import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtureCodes } from '../../../scripts/fixtures/make-fixture-models.js';
import { LAYER_COUNT } from '../../../src/domain/contract.js';
import { ErrorCode } from '../../../src/errors.js';
import { openTokenizer } from '../../../src/tokenizer/open-tokenizer.js';
import type { Tokenizer } from '../../../src/tokenizer/tokenizer.js';
import { assertRejectsCode } from '../../support/errors.js';
import { FIXTURE_IDS, fixturePath, testSignal } from './fixture-signal.js';

const LONG = 24000 * 60 + 7;

describe('OnnxTokenizer over the fixture models', () => {
  const tokenizers = new Map<string, Tokenizer>();
  before(async () => {
    for (const id of FIXTURE_IDS) tokenizers.set(id, await openTokenizer(fixturePath(id), { device: 'cpu' }));
  });
  after(async () => {
    for (const t of tokenizers.values()) await t.close();
  });

  for (const id of FIXTURE_IDS) {
    it(`${id}: returns ceil(T/1920) frames of 16 tokens for T in 1, 1919, 1920, 1921 and 60 s + 7 samples`, async () => {
      for (const [samples, frames] of [[1, 1], [1919, 1], [1920, 1], [1921, 2], [LONG, 751]] as const) {
        const codes = await tokenizers.get(id)!.encode(testSignal(samples));
        assert.equal(codes.frames, frames, `T = ${samples}`);
        assert.equal(codes.tokens.length, frames * LAYER_COUNT);
      }
    });

    it(`${id}: computes the fixture function exactly, the last partial frame zero-padded`, async () => {
      for (const samples of [1, 1921, 24000 * 3 + 5]) {
        const x = testSignal(samples, samples);
        assert.deepEqual((await tokenizers.get(id)!.encode(x)).tokens, fixtureCodes(x), `T = ${samples}`);
      }
    });
  }

  it('gives the same codes in all three layouts, spread over the codebook', async () => {
    const x = testSignal(LONG);
    const [a, b, c] = await Promise.all(FIXTURE_IDS.map((id) => tokenizers.get(id)!.encode(x)));
    assert.deepEqual(a!.tokens, c!.tokens);
    assert.deepEqual(b!.tokens, c!.tokens);
    const distinct = new Set(c!.tokens);
    assert.ok(distinct.size > 1000 && distinct.has(2047), `tokens spread: ${distinct.size} distinct`);
  });

  it('gives identical codes on every run and for every chunk size (1, 7, 750, all frames)', async () => {
    const x = testSignal(LONG, 7); // 751 frames: chunkFrames 750 splits it too
    for (const id of FIXTURE_IDS) {
      const reference = await tokenizers.get(id)!.encode(x);
      assert.deepEqual((await tokenizers.get(id)!.encode(x)).tokens, reference.tokens, `${id}: second run`);
      for (const chunkFrames of [1, 7, 750, reference.frames]) {
        const t = await openTokenizer(fixturePath(id), { device: 'cpu', chunkFrames });
        try {
          assert.deepEqual((await t.encode(x)).tokens, reference.tokens, `${id}: chunkFrames ${chunkFrames}`);
        } finally {
          await t.close();
        }
      }
    }
  });

  it('encodes concurrent calls one at a time, each with its own result', async () => {
    const t = tokenizers.get('fixture-plain-audio')!;
    const inputs = [testSignal(5000, 1), testSignal(9000, 2), testSignal(100, 3)];
    const results = await Promise.all(inputs.map((x) => t.encode(x)));
    results.forEach((r, i) => assert.deepEqual(r.tokens, fixtureCodes(inputs[i]!)));
  });

  it('reports the model it runs and the device it chose', () => {
    const m = tokenizers.get('fixture-channel-waveform')!.model;
    assert.equal(m.id, 'fixture-channel-waveform');
    assert.equal(m.layout, 'channel-waveform');
    assert.equal(m.device, 'cpu');
    assert.equal(m.deviceReason, 'cpu requested');
    assert.match(m.sha256, /^[0-9a-f]{64}$/);
  });

  describe('misuse', () => {
    it('rejects empty audio', async () => {
      await assertRejectsCode(tokenizers.get('fixture-plain-audio')!.encode(new Float32Array(0)), ErrorCode.INVALID_ARGUMENT, /samples: expected at least 1 sample, got 0/);
    });
    it('rejects a NaN sample, naming its position', async () => {
      const x = testSignal(4000);
      x[3001] = Number.NaN;
      await assertRejectsCode(tokenizers.get('fixture-plain-audio')!.encode(x), ErrorCode.INVALID_ARGUMENT, /expected finite values, got NaN at sample 3001/);
    });
    it('refuses to encode after close, and close is idempotent', async () => {
      const t = await openTokenizer(fixturePath('fixture-masked-values'), { device: 'cpu' });
      await t.close();
      await t.close();
      await assertRejectsCode(t.encode(testSignal(10)), ErrorCode.INVALID_ARGUMENT, /tokenizer for model fixture-masked-values is closed/);
    });
    it('finishes an encode already queued when close is called', async () => {
      const t = await openTokenizer(fixturePath('fixture-plain-audio'), { device: 'cpu' });
      const pending = t.encode(testSignal(48000));
      await t.close();
      assert.equal((await pending).frames, 25);
    });
  });
});
