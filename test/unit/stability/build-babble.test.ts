import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { buildBabble } from '../../../src/stability/build-babble.js';
import { meanSquare } from '../../../src/stability/signal-power.js';
import { assertThrowsCode } from '../../support/errors.js';

const tone = (hz: number, length: number, amplitude: number): Float32Array =>
  Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / 24_000));

describe('buildBabble', () => {
  const sources = [tone(200, 5000, 0.5), tone(310, 7000, 0.01), tone(450, 3000, 0.2), tone(700, 9000, 1)];

  it('sums the talkers asked for, each at unit power, to the length asked for', () => {
    const one = buildBabble(sources, 20_000, { talkers: 1, seed: 1 });
    assert.equal(one.length, 20_000);
    assert.ok(Math.abs(meanSquare(one) - 1) < 0.02, `power ${meanSquare(one)}`);
    const four = buildBabble(sources, 20_000, { talkers: 4, seed: 1 });
    assert.ok(Math.abs(meanSquare(four) - 4) < 0.3, `power ${meanSquare(four)} of 4 independent tones`);
  });

  it('is the same for the same seed and differs for another', () => {
    assert.deepEqual(buildBabble(sources, 8000, { talkers: 2, seed: 5 }), buildBabble(sources, 8000, { talkers: 2, seed: 5 }));
    const a = buildBabble(sources, 8000, { talkers: 2, seed: 5 });
    const b = buildBabble(sources, 8000, { talkers: 2, seed: 6 });
    assert.ok(a.some((v, i) => v !== b[i]));
  });

  it('takes every source when asked for more talkers than there are, leaving silent ones out', () => {
    const all = buildBabble([...sources, new Float32Array(100)], 10_000, { talkers: 10, seed: 2 });
    assert.ok(Math.abs(meanSquare(all) - 4) < 0.3);
  });

  it('refuses sources that are all silent (INVALID_ARGUMENT)', () =>
    assertThrowsCode(() => buildBabble([new Float32Array(10)], 100, { seed: 0 }), ErrorCode.INVALID_ARGUMENT, /non-silent speech source, got 1 source/));
});
