import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { codebookVector } from '../../../src/codebooks/codebooks.js';
import { dequantize } from '../../../src/codebooks/dequantize.js';
import { readCodebooksFile } from '../../../src/codebooks/read-codebooks-file.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { assertRejectsCode } from '../../support/errors.js';
import { frameRow, matrixFromRows } from '../../support/matrices.js';
import type { QwenFixture } from './safetensors-kit.js';
import { f32, qwenTensors, writeSafetensors } from './safetensors-kit.js';

const DIM = 2;
const OUT = 4;
const P = 'decoder.quantizer.';

function fixture(): QwenFixture {
  const next = mulberry32(11);
  const randoms = (n: number) => Float32Array.from({ length: n }, () => next() * 2 - 1);
  const usages = Array.from({ length: 16 }, () => Float32Array.from({ length: 2048 }, () => 1 + Math.floor(next() * 5)));
  usages[3]![7] = 0; // clamped to 1e-5 by the official code
  return { sums: Array.from({ length: 16 }, () => randoms(2048 * DIM)), usages, first: randoms(OUT * DIM), rest: randoms(OUT * DIM) };
}

/** W · (embedding_sum[t] / max(cluster_usage[t], 1e-5)), written out in float64 from the fixture. */
function officialVector(fx: QwenFixture, layer: number, t: number): number[] {
  const w = layer === 1 ? fx.first : fx.rest;
  const e = [0, 1].map((d) => Math.fround(fx.sums[layer - 1]![t * DIM + d]! / Math.max(fx.usages[layer - 1]![t]!, 1e-5)));
  return [0, 1, 2, 3].map((r) => Math.fround(w[r * DIM]! * e[0]! + w[r * DIM + 1]! * e[1]!));
}

describe('readCodebooksFile on the official Qwen3-TTS-Tokenizer-12Hz checkpoint layout', () => {
  const fx = fixture();
  let dir = '';
  const path = (name: string) => join(dir, name);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'qwen-codebooks-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('derives every vector as output_proj · embedding_sum / clamp(cluster_usage, 1e-5), per group', async () => {
    await writeSafetensors(path('ok.safetensors'), qwenTensors(fx, DIM, OUT));
    const cb = await readCodebooksFile(path('ok.safetensors'));
    assert.deepEqual([cb.layers, cb.entries, cb.dim, cb.outputProjection], [16, 2048, OUT, undefined]);
    for (const [layer, t] of [[1, 0], [1, 2047], [2, 5], [4, 7], [16, 1000]] as const) {
      assert.deepEqual([...codebookVector(cb, layer, t)], officialVector(fx, layer, t), `layer ${layer} token ${t}`);
    }
    assert.match(cb.sha256, /^[0-9a-f]{64}$/);
  });

  it('sums to the split quantizer\'s decode: W_first · c1 + W_rest · (c2 + … + c16)', async () => {
    const cb = await readCodebooksFile(path('ok.safetensors'));
    const frame = frameRow(3, { 1: 9, 5: 2047 });
    const e = dequantize(matrixFromRows([frame]), cb);
    const raw = (layer: number) => [0, 1].map((d) => Math.fround(fx.sums[layer - 1]![frame[layer - 1]! * DIM + d]! / Math.max(fx.usages[layer - 1]![frame[layer - 1]!]!, 1e-5)));
    const restSum = [0, 1].map((d) => Array.from({ length: 15 }, (_, i) => raw(i + 2)[d]!).reduce((a, b) => a + b, 0));
    const c1 = raw(1);
    for (let r = 0; r < OUT; r++) {
      const want = fx.first[r * DIM]! * c1[0]! + fx.first[r * DIM + 1]! * c1[1]! + fx.rest[r * DIM]! * restSum[0]! + fx.rest[r * DIM + 1]! * restSum[1]!;
      assert.ok(Math.abs(e[r]! - want) <= 1e-6 * Math.max(1, Math.abs(want)), `dimension ${r}: ${e[r]} vs ${want}`);
    }
  });

  it('reads BF16 and F16 tensors as float32', async () => {
    const tensors = qwenTensors(fx, DIM, OUT);
    const name = `${P}rvq_rest.vq.layers.0._codebook.cluster_usage`;
    tensors[name] = { dtype: 'F16', shape: [2048], data: Buffer.alloc(4096, 0).fill(Buffer.from([0x00, 0x40])) }; // 2.0
    const sumName = `${P}rvq_first.vq.layers.0._codebook.embedding_sum`;
    tensors[sumName] = { dtype: 'BF16', shape: [2048, DIM], data: Buffer.alloc(8192, 0).fill(Buffer.from([0x80, 0x3f])) }; // 1.0
    await writeSafetensors(path('half.safetensors'), tensors);
    const cb = await readCodebooksFile(path('half.safetensors'));
    const w = fx.first;
    const one = Math.fround(1 / fx.usages[0]![3]!);
    assert.deepEqual([...codebookVector(cb, 1, 3)], [0, 1, 2, 3].map((r) => Math.fround(w[r * DIM]! * one + w[r * DIM + 1]! * one)));
    const e = [0, 1].map((d) => Math.fround(fx.sums[1]![8 * DIM + d]! / 2));
    assert.deepEqual([...codebookVector(cb, 2, 8)], [0, 1, 2, 3].map((r) => Math.fround(fx.rest[r * DIM]! * e[0]! + fx.rest[r * DIM + 1]! * e[1]!)));
  });

  describe('refuses a checkpoint that does not fit, naming the tensor', () => {
    it('a tensor of the wrong shape', async () => {
      const tensors = qwenTensors(fx, DIM, OUT);
      tensors[`${P}rvq_rest.vq.layers.6._codebook.embedding_sum`] = { dtype: 'F32', shape: [1024, DIM], data: f32(new Float32Array(1024 * DIM)) };
      await writeSafetensors(path('shape.safetensors'), tensors);
      await assertRejectsCode(readCodebooksFile(path('shape.safetensors')), ErrorCode.INVALID_MODEL,
        /^decoder\.quantizer\.rvq_rest\.vq\.layers\.6\._codebook\.embedding_sum: expected shape \[2048, 2\]; received \[1024, 2\]$/);
    });

    it('a tensor of the wrong dtype', async () => {
      const tensors = qwenTensors(fx, DIM, OUT);
      tensors[`${P}rvq_first.output_proj.weight`] = { dtype: 'I64', shape: [OUT, DIM, 1], data: Buffer.alloc(OUT * DIM * 8) };
      await writeSafetensors(path('dtype.safetensors'), tensors);
      await assertRejectsCode(readCodebooksFile(path('dtype.safetensors')), ErrorCode.INVALID_MODEL,
        /^decoder\.quantizer\.rvq_first\.output_proj\.weight: expected dtype F32, F16 or BF16; received I64$/);
    });

    it('a missing tensor', async () => {
      const tensors = qwenTensors(fx, DIM, OUT);
      delete tensors[`${P}rvq_rest.vq.layers.3._codebook.cluster_usage`];
      await writeSafetensors(path('missing.safetensors'), tensors);
      await assertRejectsCode(readCodebooksFile(path('missing.safetensors')), ErrorCode.INVALID_MODEL,
        /^decoder\.quantizer\.rvq_rest\.vq\.layers\.3\._codebook\.cluster_usage: expected this tensor .*; it is missing$/);
    });

    it('a quantizer with other than 16 layers', async () => {
      await writeSafetensors(path('layers.safetensors'), qwenTensors(fx, DIM, OUT, 14));
      await assertRejectsCode(readCodebooksFile(path('layers.safetensors')), ErrorCode.INVALID_MODEL, /expected 1 semantic \+ 15 acoustic layers; received 1 \+ 14$/);
    });

    it('a file that is not safetensors', async () => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path('junk.safetensors'), Buffer.from([1, 2, 3]));
      await assertRejectsCode(readCodebooksFile(path('junk.safetensors')), ErrorCode.INVALID_MODEL, /junk\.safetensors: expected a \.safetensors file \(8-byte header length\); received 3 bytes$/);
    });
  });
});
