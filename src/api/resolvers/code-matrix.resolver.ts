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

/** Cost of one frame's embedding (about a vector of the reference encoder's 72 values). */
export const EMBEDDING_FRAME_COST = 64;

@UseMiddleware(budgetMiddleware)
@Resolver(() => CodeMatrixWindow)
export class CodeMatrixResolver {
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
    const codebooks = await codebooksOfModel(ctx.audio.encoders.settings.modelsDir, w.model, w.modelSha256);
    const e = dequantize(codeMatrix(w.tokens), codebooks, layers);
    return Array.from({ length: w.frameCount }, (_, f) => Array.from(e.subarray(f * codebooks.dim, (f + 1) * codebooks.dim)));
  }
}
