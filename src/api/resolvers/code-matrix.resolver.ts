import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { dequantize } from '../../codebooks/dequantize.js';
import { codeMatrix } from '../../domain/code-matrix.js';
import { LAYER_COUNT } from '../../domain/contract.js';
import { checkLimit } from '../../query/check-limit.js';
import { codebooksOfModel } from '../../query/model-codebooks.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { LIMITS } from '../limits.js';
import { CodeMatrixWindow } from '../types/code-matrix.type.js';
import { PackedEmbeddings } from '../types/packed-embeddings.type.js';
import { float32LittleEndianBase64 } from '../../jsutils/float32-base64.js';

/** Cost of one frame's embedding (about a vector of the reference encoder's 72 values). */
export const EMBEDDING_FRAME_COST = 64;

/**
 * Cost of one frame of packed embeddings, its four scalar fields included: measured, 4,096 packed
 * frames take about what 1,024 frames of JSON lists do (docs/benchmarks.md), a quarter of 64 less
 * the window's own per-frame fields.
 */
export const PACKED_EMBEDDING_FRAME_COST = 12;

@UseMiddleware(budgetMiddleware)
@Resolver(() => CodeMatrixWindow)
export class CodeMatrixResolver {
  @FieldResolver(() => [[Int]], { description: `16 × frameCount: row i holds layer i+1. Cost: ${LAYER_COUNT} per frame.`, complexity: LAYER_COUNT })
  layerMajor(@Root() w: CodeMatrixWindow): number[][] {
    return Array.from({ length: LAYER_COUNT }, (_, l) => {
      const row = new Array<number>(w.frameCount);
      for (let f = 0; f < w.frameCount; f++) row[f] = w.tokens[f * LAYER_COUNT + l]!;
      return row;
    });
  }

  @FieldResolver(() => [[Int]], { description: `frameCount × 16: row f holds frame startFrame+f, column j layer j+1. Cost: ${LAYER_COUNT} per frame.`, complexity: LAYER_COUNT })
  frameMajor(@Root() w: CodeMatrixWindow): number[][] {
    return Array.from({ length: w.frameCount }, (_, f) => Array.from(w.tokens.subarray(f * LAYER_COUNT, (f + 1) * LAYER_COUNT)));
  }

  @FieldResolver(() => [[Float]], {
    description:
      `frameCount × D: each frame's embedding, the sum of the codebook vectors its tokens choose in layers 1..layers (the RVQ's partial sum), for audios whose model has codebooks; NOT_FOUND otherwise. The window may hold at most ${LIMITS.maxEmbeddingFrames} frames. Cost: ${EMBEDDING_FRAME_COST} per frame.`,
    complexity: EMBEDDING_FRAME_COST,
  })
  async embeddings(
    @Root() w: CodeMatrixWindow,
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => Int, { defaultValue: LAYER_COUNT, description: `Sum layers 1..layers, 1..${LAYER_COUNT}.` }) layers: number,
  ): Promise<number[][]> {
    // Codebooks are model files, which `tokenscope models add-codebooks` may change outside the store:
    // an answer holding embeddings is not kept by the response cache (a data generation would not see the change).
    ctx.responseCaching.keep = false;
    checkLimit('layers', layers, LAYER_COUNT);
    checkLimit('frameCount', w.frameCount, LIMITS.maxEmbeddingFrames, 0);
    const { dim, values } = await windowEmbeddings(w, ctx, layers);
    return Array.from({ length: w.frameCount }, (_, f) => Array.from(values.subarray(f * dim, (f + 1) * dim)));
  }

  @FieldResolver(() => PackedEmbeddings, {
    description:
      `The same embeddings as \`embeddings\`, packed as little-endian float32 in one base64 string: for whole windows (up to ${LIMITS.maxWindowFrames} frames) where a list of JSON numbers would be too slow to build and parse. NOT_FOUND for an audio whose model has no codebooks. Cost: ${PACKED_EMBEDDING_FRAME_COST} per frame.`,
    complexity: () => PACKED_EMBEDDING_FRAME_COST,
  })
  async packedEmbeddings(
    @Root() w: CodeMatrixWindow,
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => Int, { defaultValue: LAYER_COUNT, description: `Sum layers 1..layers, 1..${LAYER_COUNT}.` }) layers: number,
  ): Promise<PackedEmbeddings> {
    ctx.responseCaching.keep = false;
    checkLimit('layers', layers, LAYER_COUNT);
    const { dim, values } = await windowEmbeddings(w, ctx, layers);
    return Object.assign(new PackedEmbeddings(), { frames: w.frameCount, dim, encoding: 'float32le-base64', data: float32LittleEndianBase64(values) });
  }
}

/** The window's frame embeddings over layers 1..layers, frames × D float32. */
async function windowEmbeddings(w: CodeMatrixWindow, ctx: ApiContext, layers: number): Promise<{ dim: number; values: Float32Array }> {
  const codebooks = await codebooksOfModel(ctx.audio.encoders.settings.modelsDir, w.model, w.modelSha256);
  return { dim: codebooks.dim, values: dequantize(codeMatrix(w.tokens), codebooks, layers) };
}
