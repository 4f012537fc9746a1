import type { CodeMatrix } from '../domain/code-matrix.js';
import { onnxPathOf } from '../tokenizer/model-manifest.js';
import { readModelCodebooks } from '../tokenizer/model-codebooks.js';
import type { BuiltInDecoderSpec } from '../tokenizer/decoder-spec.js';
import type { LoadedModel } from '../tokenizer/open-tokenizer.js';
import type { DecoderBackend, FrameSpan } from './decoder.js';
import { checkDecodeThreads, contextFrames, defaultDecodeThreads, readReferenceNormalisation, ReferenceDecodePool, referenceDecodeRange, referenceDecoderOptions } from './reference/index.js';
import { LazyFeatures } from './reference/lazy-features.js';
import type { ReferenceDecoderOptions } from './reference/index.js';

/** Frames per block the backend yields: 512 frames (41 s), the reference decoder's own internal block. */
const BLOCK_FRAMES = 512;

/**
 * Decoder kind `reference`: tokenscope's own signal-processing decoder (src/decoders/reference,
 * docs/reference-decoder.md) behind the decoder contract, for a tokenscope-ref model. It reads the
 * model's codebooks (codebooks.npy, checked against the manifest) and the feature standardisation
 * from the encoder's ONNX graph, sums the kept layers' codebook vectors (an ablation leaves layers
 * out of the sum), and decodes block by block; each block is the same bytes the whole decode gives,
 * wherever it is cut, so a span starts at any frame, and with `leadFrames` the blocks start that
 * short and double up to 512 frames: a stream's first second comes early, and a reader that stops
 * soon leaves little decoded in vain.
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
      // Made a block (and its context) at a time: a stream's first second costs its own frames, not the whole matrix's.
      const features = new LazyFeatures(codes, codebooks, layers, norm);
      const context = contextFrames(options);
      const prepare = (first: number, count: number) => features.ensure(first - context, first + count + context);
      const n = codes.frames;
      const end = span.start + span.count;
      if (pool) {
        let first = span.start;
        if (leadFrames !== undefined && leadFrames < span.count) {
          // The lead block in this thread: a worker may still be finishing an earlier stream's block,
          // and a short block here (tens of ms) is sooner than a place in the queue.
          prepare(first, leadFrames);
          yield referenceDecodeRange(features.values, n, first, leadFrames, options);
          first += leadFrames;
        }
        yield* pool.blocks(features.values, n, options, BLOCK_FRAMES, first, end - first, leadFrames === undefined ? BLOCK_FRAMES : 2 * leadFrames, prepare);
        return;
      }
      // A lead block, then blocks doubling up to BLOCK_FRAMES, as the pool cuts them.
      for (let first = span.start, size = Math.min(leadFrames ?? BLOCK_FRAMES, BLOCK_FRAMES); first < end; first += size, size = Math.min(BLOCK_FRAMES, size * 2)) {
        const count = Math.min(size, end - first);
        prepare(first, count);
        yield referenceDecodeRange(features.values, n, first, count, options);
      }
    },
    close: async () => {
      await pool?.close();
    },
  };
}
