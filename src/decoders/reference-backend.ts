import type { CodeMatrix } from '../domain/code-matrix.js';
import { onnxPathOf } from '../tokenizer/model-manifest.js';
import { readModelCodebooks } from '../tokenizer/model-codebooks.js';
import type { BuiltInDecoderSpec } from '../tokenizer/decoder-spec.js';
import type { LoadedModel } from '../tokenizer/open-tokenizer.js';
import type { DecoderBackend, FrameSpan } from './decoder.js';
import { checkDecodeThreads, defaultDecodeThreads, dequantizeLayers, destandardise, readReferenceNormalisation, ReferenceDecodePool, referenceDecodeRange, referenceDecoderOptions } from './reference/index.js';
import type { ReferenceDecoderOptions } from './reference/index.js';

/** Frames per block the backend yields: 512 frames (41 s), the reference decoder's own internal block. */
const BLOCK_FRAMES = 512;

/**
 * Decoder kind `reference`: tokenscope's own signal-processing decoder (src/decoders/reference,
 * docs/reference-decoder.md) behind the decoder contract, for a tokenscope-ref model. It reads the
 * model's codebooks (codebooks.npy, checked against the manifest) and the feature standardisation
 * from the encoder's ONNX graph, sums the kept layers' codebook vectors (an ablation leaves layers
 * out of the sum), and decodes block by block; each block is the same bytes the whole decode gives,
 * wherever it is cut, so a span starts at any frame and a lead block may be short.
 * The manifest's `decoder.options` are the decoder's settings (validated by referenceDecoderOptions),
 * plus `threads`: worker threads decoding blocks in parallel (1: in this thread; default: the
 * available parallelism). Threads change the speed only, never the bytes.
 */
export async function openReferenceDecoder(model: LoadedModel, spec: BuiltInDecoderSpec): Promise<DecoderBackend> {
  const { threads: threadsOption, ...settings } = (spec.options ?? {}) as Partial<ReferenceDecoderOptions> & { readonly threads?: number };
  const options: ReferenceDecoderOptions = referenceDecoderOptions(settings);
  const threads = checkDecodeThreads(threadsOption ?? defaultDecodeThreads());
  const pool = threads > 1 ? new ReferenceDecodePool(threads) : null;
  const [codebooks, norm] = await Promise.all([readModelCodebooks(model), readReferenceNormalisation(onnxPathOf(model.dir, model.manifest))]);
  return {
    info: { modelId: model.manifest.id, modelSha256: model.manifest.sha256, kind: 'reference', summary: 'reference (signal processing: mel envelope, Griffin–Lim, 10 ms loudness; docs/reference-decoder.md)', ablation: { kind: 'partial-sums' } },
    async *blocks(codes: CodeMatrix, layers: readonly number[], span: FrameSpan = { start: 0, count: codes.frames }, leadFrames?: number) {
      const features = destandardise(dequantizeLayers(codes, codebooks, layers), norm);
      const n = codes.frames;
      let first = span.start;
      const end = span.start + span.count;
      if (leadFrames !== undefined && leadFrames < end - first) {
        // Decoded on its own, ahead of the full-size blocks: the first samples of a stream come early.
        if (pool) yield* pool.blocks(features, n, options, leadFrames, first, leadFrames);
        else yield referenceDecodeRange(features, n, first, leadFrames, options);
        first += leadFrames;
      }
      if (pool) {
        yield* pool.blocks(features, n, options, BLOCK_FRAMES, first, end - first);
        return;
      }
      for (; first < end; first += BLOCK_FRAMES) yield referenceDecodeRange(features, n, first, Math.min(BLOCK_FRAMES, end - first), options);
    },
    close: async () => {
      await pool?.close();
    },
  };
}
