import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { SAMPLES_PER_FRAME } from '../../../src/domain/contract.js';
import { openDecoder } from '../../../src/decoders/decoder-registry.js';
import type { DecoderLayoutName } from '../../../src/tokenizer/decoder-spec.js';
import { fixtureDecode, sampleTokens, type FixtureDecoderOptions } from '../../support/fixture-decoders.js';
import { DECODER_TEST_MODEL, modelWithDecoder } from '../../support/decoder-models.js';

const LAYOUTS: readonly DecoderLayoutName[] = ['codes-lengths', 'context-chunk', 'layer-major'];

/** Decodes `frames` frames of sample tokens with a fixture decoder and the given chunking. */
async function decodeWith(fixture: FixtureDecoderOptions, frames: number, chunking: { chunkFrames?: number; contextFrames?: number } = {}) {
  const { model } = await modelWithDecoder(fixture, chunking);
  const decoder = await openDecoder(model);
  try {
    const tokens = sampleTokens(frames);
    const request = { codes: codeMatrix(tokens), model: { id: DECODER_TEST_MODEL, sha256: model.manifest.sha256 } };
    const samples = await decoder.decode(request);
    const blocks: number[] = [];
    const streamed: number[] = [];
    for await (const block of decoder.stream(request)) {
      blocks.push(block.length);
      streamed.push(...block);
    }
    return { tokens, samples, blocks, streamed, layout: model.manifest.decoder };
  } finally {
    await decoder.close();
  }
}

describe('ONNX decoders of each supported layout', () => {
  for (const layout of LAYOUTS) {
    it(`${layout}: is detected at add, and returns exactly N·1920 samples with the values its graph defines`, async () => {
      const { tokens, samples, layout: spec } = await decodeWith({ layout }, 7);
      assert.equal(spec?.kind === 'onnx' && spec.layout, layout);
      assert.equal(samples.length, 7 * SAMPLES_PER_FRAME);
      assert.deepEqual(samples, fixtureDecode(tokens));
      assert.equal(samples[0], 1, 'token 2047 decodes to full scale');
    });
  }

  it('codes-lengths: also reads audio given as [1, 1, T]', async () => {
    const { tokens, samples } = await decodeWith({ layout: 'codes-lengths', channelAxis: true }, 3);
    assert.deepEqual(samples, fixtureDecode(tokens));
  });

  it('records the official chunking (300 frames, 25 of left context) unless told otherwise', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths' });
    assert.deepEqual(model.manifest.decoder && model.manifest.decoder.kind === 'onnx' && [model.manifest.decoder.chunkFrames, model.manifest.decoder.contextFrames], [300, 25]);
  });

  it('decodes in chunks with left context: the stream has one block per chunk and equals the whole decode', async () => {
    const { samples, blocks, streamed } = await decodeWith({ layout: 'codes-lengths' }, 23, { chunkFrames: 10, contextFrames: 3 });
    assert.deepEqual(blocks, [10, 10, 3].map((f) => f * SAMPLES_PER_FRAME));
    assert.deepEqual(Float32Array.from(streamed), samples);
  });

  for (const layout of LAYOUTS) {
    it(`${layout}: chunked equals unchunked for a frame-local decoder, even without context`, async () => {
      const whole = await decodeWith({ layout }, 23, { chunkFrames: 1000 });
      const chunked = await decodeWith({ layout }, 23, { chunkFrames: 4, contextFrames: 0 });
      assert.deepEqual(chunked.samples, whole.samples);
    });
  }

  for (const layout of ['codes-lengths', 'context-chunk'] as const) {
    it(`${layout}: for a decoder that looks one frame back, chunks with left context equal the unchunked decode, and the context's audio is trimmed`, async () => {
      const whole = await decodeWith({ layout, lookBack: true }, 23, { chunkFrames: 1000 });
      assert.deepEqual(whole.samples, fixtureDecode(whole.tokens, true));
      const chunked = await decodeWith({ layout, lookBack: true }, 23, { chunkFrames: 5, contextFrames: 2 });
      assert.equal(chunked.samples.length, 23 * SAMPLES_PER_FRAME);
      assert.deepEqual(chunked.samples, whole.samples);
      // Without context every chunk's first frame loses its look-back: the comparison above can fail.
      const blind = await decodeWith({ layout, lookBack: true }, 23, { chunkFrames: 5, contextFrames: 0 });
      assert.notDeepEqual(blind.samples, whole.samples);
      assert.deepEqual(blind.samples.subarray(0, 5 * SAMPLES_PER_FRAME), whole.samples.subarray(0, 5 * SAMPLES_PER_FRAME));
    });
  }
});
