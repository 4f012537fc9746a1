import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SAMPLES_PER_FRAME } from '../../../../src/domain/contract.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { referenceDecode } from '../../../../src/decoders/reference/reference-decode.js';
import { openFrontEnd } from '../../../../scripts/build-model/features.js';
import type { FrontEnd } from '../../../../scripts/build-model/features.js';

/**
 * Pins the decoder's output bytes: the speed work on the decoder (issue 11) keeps these refactors
 * bit-identical, so a change that alters the samples must come with new quality figures
 * (docs/reference-decoder.md) and a new digest here.
 */

/** Noise stepping through levels every 50 ms, plus a 440 Hz tone: silence-free, with loudness steps and a narrow band. */
function fixture(frames: number): Float32Array {
  const random = mulberry32(2026);
  const levels = [-14, -38, -22, -30];
  return Float32Array.from({ length: frames * SAMPLES_PER_FRAME }, (_, n) => {
    const level = 10 ** (levels[Math.floor(n / 1200) % levels.length]! / 20);
    return (random() * 2 - 1) * level + 0.1 * Math.sin((2 * Math.PI * 440 * n) / 24_000);
  });
}

function digest(samples: Float32Array): string {
  return createHash('sha256').update(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)).digest('hex');
}

describe('referenceDecode output bytes', () => {
  let frontEnd: FrontEnd;
  before(async () => {
    frontEnd = await openFrontEnd();
  });
  after(async () => {
    await frontEnd.release();
  });

  it('decodes a 40-frame fixture to the pinned bytes, whole and in blocks of 16 frames', async () => {
    const features = await frontEnd.features(fixture(40));
    assert.equal(digest(referenceDecode(features, 40)), GOLDEN);
    assert.equal(digest(referenceDecode(features, 40, { blockFrames: 16 })), GOLDEN);
  });
});

// The digest of the defaults chosen in issue 11's last round (1920-sample window, geometric matching
// whose later rounds re-analyse the shaped render, whole-sub-block gain ramps); docs/reference-decoder.md has their figures.
const GOLDEN = '443eff588e0b74c969d8ac457f415993111cb1d6686bb44d8d77f7905996603e';
