import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { measureStability } from '../../../src/stability/measure-stability.js';
import { parsePerturbation } from '../../../src/stability/perturbation.js';
import { loadModel } from '../../../src/tokenizer/model-registry.js';
import { openTokenizer } from '../../../src/tokenizer/open-tokenizer.js';
import type { Tokenizer } from '../../../src/tokenizer/tokenizer.js';
import type { CodeMatrix } from '../../../src/domain/code-matrix.js';
import { assertRejectsCode } from '../../support/errors.js';
import { repoRoot } from '../../support/paths.js';

/** 3 s of a gliding, amplitude-modulated tone over a seeded noise floor: speech-like enough to move the tokens. */
function generated(): Float32Array {
  const random = mulberry32(21);
  let phase = 0;
  return Float32Array.from({ length: 72_000 }, (_, i) => {
    const t = i / 24_000;
    phase += (2 * Math.PI * (150 + 100 * Math.sin(2 * Math.PI * 0.7 * t))) / 24_000;
    return 0.25 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)) * (Math.sin(phase) + 0.5 * Math.sin(3 * phase)) + 0.01 * (random() - 0.5);
  });
}

describe('measureStability with tokenscope-ref-v2', () => {
  let tokenizer: Tokenizer;
  let samples: Float32Array;
  let codes: CodeMatrix;
  const encode = (x: Float32Array): Promise<CodeMatrix> => tokenizer.encode(x);

  before(async () => {
    tokenizer = await openTokenizer(await loadModel(join(repoRoot(), 'models'), 'tokenscope-ref-v2'), { device: 'cpu' });
    samples = generated();
    codes = await tokenizer.encode(samples);
  });
  after(() => tokenizer.close());

  it('finds every token kept under the identity perturbation gain:db=0 (100 % agreement, no unit edits)', async () => {
    const m = await measureStability({ samples, codes, perturbation: parsePerturbation('gain:db=0'), encode });
    assert.equal(m.perturbation, 'gain:db=0');
    assert.equal(m.frames, 38);
    for (const l of m.layers) {
      assert.equal(l.agreeing, 38, `layer ${l.layer}`);
      assert.equal(l.edits, 0, `layer ${l.layer}`);
      assert.ok(l.units >= 1);
    }
  });

  it('finds fewer agreeing tokens at 10 dB SNR than at 30 dB, on the sum over layers', async () => {
    const total = async (text: string): Promise<number> => {
      const m = await measureStability({ samples, codes, perturbation: parsePerturbation(text), encode });
      return m.layers.reduce((n, l) => n + l.agreeing, 0);
    };
    const at30 = await total('noise:snr=30');
    const at10 = await total('noise:snr=10');
    assert.ok(at10 < at30, `10 dB: ${at10}, 30 dB: ${at30} of ${38 * 16}`);
    assert.ok(at30 < 38 * 16, 'white noise at 30 dB changes some token of this signal');
  });

  it('keeps most layer-1 tokens through a clean MP3 at 192 kbps (the codec delay cut, frames aligned)', async () => {
    const m = await measureStability({ samples, codes, perturbation: parsePerturbation('mp3:kbps=192'), encode });
    const layer1 = m.layers[0]!;
    assert.ok(layer1.agreeing / layer1.frames > 0.75, `layer 1: ${layer1.agreeing} of ${layer1.frames}`);
    // A delay of the 1105-sample codec lag left in would move every frame by 58 % of a hop.
    const delayed = await measureStability({ samples, codes, perturbation: parsePerturbation('shift:samples=1105'), encode });
    assert.ok(layer1.agreeing > delayed.layers[0]!.agreeing, `mp3 ${layer1.agreeing}, shifted ${delayed.layers[0]!.agreeing}`);
  });

  it('re-encodes what the decoder returns for a round trip, with the layers asked for', async () => {
    const asked: number[][] = [];
    const decode = async (_codes: CodeMatrix, layers: readonly number[]): Promise<Float32Array> => (asked.push([...layers]), samples);
    const m = await measureStability({ samples, codes, perturbation: parsePerturbation('roundtrip:layers=1-4'), encode, decode });
    assert.deepEqual(asked, [[1, 2, 3, 4]]);
    assert.equal(m.perturbation, 'roundtrip:layers=1-4');
    assert.equal(m.layers[0]!.agreeing, 38);
  });

  it('refuses a round trip without a decoder (INVALID_ARGUMENT)', () =>
    assertRejectsCode(measureStability({ samples, codes, perturbation: parsePerturbation('roundtrip:layers=1-8'), encode }), ErrorCode.INVALID_ARGUMENT, /needs a decoder/));
});
