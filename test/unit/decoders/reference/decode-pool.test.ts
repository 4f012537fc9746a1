import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAMPLES_PER_FRAME } from '../../../../src/domain/contract.js';
import { ErrorCode } from '../../../../src/errors.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { ReferenceDecodePool } from '../../../../src/decoders/reference/decode-pool.js';
import { referenceDecode } from '../../../../src/decoders/reference/reference-decode.js';
import { openFrontEnd } from '../../../../scripts/build-model/features.js';
import type { FrontEnd } from '../../../../scripts/build-model/features.js';
import { assertRejectsCode, assertThrowsCode } from '../../../support/errors.js';

/** White noise whose level steps every 50 ms through −12, −40, −25, −18 dB re full scale. */
function steppedNoise(frames: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const levels = [-12, -40, -25, -18];
  return Float32Array.from({ length: frames * SAMPLES_PER_FRAME }, (_, n) => (random() * 2 - 1) * Math.sqrt(3) * 10 ** (levels[Math.floor(n / 1200) % 4]! / 20));
}

describe('ReferenceDecodePool', () => {
  let frontEnd: FrontEnd;
  const pool = new ReferenceDecodePool(2);
  before(async () => {
    frontEnd = await openFrontEnd();
  });
  after(async () => {
    await frontEnd.release();
    await pool.close();
  });

  it('never detaches an ArrayBuffer in a worker (which would slow every typed-array loop there), checked by V8 itself', () => {
    // A child process with V8's protector tracing on decodes 3 blocks in 2 workers; the first
    // detached buffer in any isolate would print "Invalidating protector cell ArrayBufferDetaching".
    const pool = new URL('../../../../src/decoders/reference/decode-pool.js', import.meta.url).href;
    const script = `const { ReferenceDecodePool } = await import(${JSON.stringify(pool)});
      const p = new ReferenceDecodePool(2);
      const out = await p.decode(new Float32Array(6 * 72).fill(-8), 6, {}, 2);
      await p.close();
      console.log('decoded', out.length);`;
    const dir = mkdtempSync(join(tmpdir(), 'decode-pool-'));
    const file = join(dir, 'detach-check.mjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ['--trace-protector-invalidation', file], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /decoded 11520/);
    assert.doesNotMatch(run.stdout + run.stderr, /ArrayBufferDetaching/);
  });

  it('gives, block by block in order, the bytes of the in-thread decode, blocks decoded two at a time in two workers', async () => {
    const frames = 23;
    const features = await frontEnd.features(steppedNoise(frames, 5));
    const whole = referenceDecode(features, frames);
    const sizes: number[] = [];
    const parts: Buffer[] = [];
    for await (const block of pool.blocks(features, frames, {}, 5)) {
      sizes.push(block.length / SAMPLES_PER_FRAME);
      parts.push(Buffer.from(block.buffer, block.byteOffset, block.byteLength));
    }
    assert.deepEqual(sizes, [5, 5, 5, 5, 3]);
    assert.deepEqual(Buffer.concat(parts), Buffer.from(whole.buffer));
    const again = await pool.decode(features, frames, {}, 7);
    assert.deepEqual(Buffer.from(again.buffer), Buffer.from(whole.buffer));
  });

  it('decodes a range with non-default settings as the in-thread decode does', async () => {
    const frames = 12;
    const features = await frontEnd.features(steppedNoise(frames, 9));
    const settings = { matchIterations: 2, matchStrength: 1.8 };
    const parts: Float32Array[] = [];
    for await (const block of pool.blocks(features, frames, settings, 4, 3, 8)) parts.push(block);
    assert.deepEqual(Float32Array.from(parts.flatMap((b) => [...b])), referenceDecode(features, frames, settings).subarray(3 * SAMPLES_PER_FRAME, 11 * SAMPLES_PER_FRAME));
  });

  describe('misuse', () => {
    it('a thread count that is not a positive integer', () => {
      assertThrowsCode(() => new ReferenceDecodePool(0), ErrorCode.INVALID_ARGUMENT, /threads: expected an integer from 1 to 256 \(worker threads\); received 0/);
    });

    it('bad settings, a range outside the frames and bad features, before or from the workers', async () => {
      const features = new Float32Array(3 * 72);
      await assertRejectsCode(pool.decode(features, 3, { hop: 7 }), ErrorCode.INVALID_ARGUMENT, /hop: expected a divisor of 1920/);
      await assertRejectsCode(pool.blocks(features, 3, {}, 2, 2, 5).next(), ErrorCode.INVALID_ARGUMENT, /first, count: expected a range of frames inside 0\.\.3; received first 2, count 5/);
      features[100] = Number.NaN;
      await assertRejectsCode(pool.decode(features, 3), ErrorCode.INVALID_ARGUMENT, /features: expected finite values; received NaN at frame 1, value 28/);
    });

    it('a closed pool', async () => {
      const closed = new ReferenceDecodePool(1);
      await closed.close();
      await assertRejectsCode(closed.decode(new Float32Array(72), 1), ErrorCode.INVALID_ARGUMENT, /the reference decode pool is closed/);
    });
  });
});
