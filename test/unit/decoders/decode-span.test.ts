import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { SAMPLES_PER_FRAME } from '../../../src/domain/contract.js';
import type { Decoder, DecodeOptions, DecodeRequest } from '../../../src/decoders/decoder.js';
import { openDecoder } from '../../../src/decoders/decoder-registry.js';
import { openReferenceDecoder } from '../../../src/decoders/reference-backend.js';
import { contractDecoder } from '../../../src/decoders/contract-decoder.js';
import { ErrorCode } from '../../../src/errors.js';
import { loadModel } from '../../../src/tokenizer/model-registry.js';
import { assertRejectsCode, assertThrowsCode } from '../../support/errors.js';
import { sampleTokens } from '../../support/fixture-decoders.js';
import { DECODER_TEST_MODEL, modelWithDecoder } from '../../support/decoder-models.js';
import { repoRoot } from '../../support/paths.js';

/** Every block of a stream, and their lengths. */
async function streamed(decoder: Decoder, request: DecodeRequest, options: DecodeOptions): Promise<{ samples: Float32Array; blocks: number[] }> {
  const parts: Float32Array[] = [];
  for await (const b of decoder.stream(request, options)) parts.push(Float32Array.from(b));
  const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (samples.set(p, at), (at += p.length));
  return { samples, blocks: parts.map((p) => p.length / SAMPLES_PER_FRAME) };
}

describe('decoding a span of frames gives exactly the whole decode’s samples of those frames', () => {
  it('ONNX (chunks of 10, 3 of context, a decoder that looks one frame back): spans inside a chunk, across chunks and at the end decode only the chunks they touch', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths', lookBack: true }, { chunkFrames: 10, contextFrames: 3 });
    const decoder = await openDecoder(model);
    try {
      const request = { codes: codeMatrix(sampleTokens(37)), model: { id: DECODER_TEST_MODEL, sha256: model.manifest.sha256 } };
      const whole = await decoder.decode(request);
      const cut = (start: number, count: number) => whole.subarray(start * SAMPLES_PER_FRAME, (start + count) * SAMPLES_PER_FRAME);
      for (const [start, count, blocks] of [
        [12, 5, [5]],
        [8, 15, [2, 10, 3]],
        [30, 7, [7]],
        [0, 37, [10, 10, 10, 7]],
      ] as const) {
        const got = await streamed(decoder, request, { span: { start, count } });
        assert.deepEqual(got.blocks, blocks, `blocks of span ${start}+${count}`);
        assert.deepEqual(got.samples, cut(start, count), `span ${start}+${count}`);
        assert.deepEqual(await decoder.decode(request, { span: { start, count } }), cut(start, count));
      }
      // Fixed chunks: a lead block cannot be cut without changing bytes, so it is ignored.
      assert.deepEqual((await streamed(decoder, request, { leadFrames: 2 })).blocks, [10, 10, 10, 7]);
    } finally {
      await decoder.close();
    }
  });

  for (const threads of [1, 2]) {
    it(`reference decoder (threads ${threads}): a span from frame 500 and a stream with a 7-frame lead block (then 14, 28, … frames) equal the whole decode`, async () => {
      const model = await loadModel(join(repoRoot(), 'models'), 'tokenscope-ref-v2');
      const decoder = contractDecoder(await openReferenceDecoder(model, { kind: 'reference', options: { threads } }));
      try {
        const request = { codes: codeMatrix(sampleTokens(530)), model: { id: 'tokenscope-ref-v2', sha256: model.manifest.sha256 } };
        const whole = await decoder.decode(request);
        const span = await streamed(decoder, request, { span: { start: 500, count: 25 } });
        assert.deepEqual(span.blocks, [25]);
        assert.deepEqual(span.samples, whole.subarray(500 * SAMPLES_PER_FRAME, 525 * SAMPLES_PER_FRAME));
        const lead = await streamed(decoder, request, { leadFrames: 7 });
        assert.deepEqual(lead.blocks, [7, 14, 28, 56, 112, 224, 89]);
        assert.deepEqual(lead.samples, whole);
      } finally {
        await decoder.close();
      }
    });
  }

  it('refuses a span outside the matrix and a lead of 0 frames, naming them', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths' });
    const decoder = await openDecoder(model);
    try {
      const request = { codes: codeMatrix(sampleTokens(5)), model: { id: DECODER_TEST_MODEL, sha256: model.manifest.sha256 } };
      await assertRejectsCode(decoder.decode(request, { span: { start: 3, count: 3 } }), ErrorCode.INVALID_ARGUMENT, /span: expected frames \[start, start \+ count\) inside the matrix's 5 frames, count ≥ 1; received start 3, count 3/);
      assertThrowsCode(() => decoder.stream(request, { span: { start: 0, count: 0 } }), ErrorCode.INVALID_ARGUMENT, /received start 0, count 0/);
      assertThrowsCode(() => decoder.stream(request, { leadFrames: 0 }), ErrorCode.INVALID_ARGUMENT, /leadFrames: expected a positive integer \(frames\); received 0/);
    } finally {
      await decoder.close();
    }
  });
});
