import { Arg, Ctx, Int, Query, Resolver, UseMiddleware } from 'type-graphql';
import { MAX_NEIGHBOURS } from '../../codebooks/token-neighbours.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../domain/contract.js';
import { codebookColoursOf } from '../../query/codebook-colours.js';
import { CodebookColours } from '../types/codebook-colours.type.js';
import { corpusDistance } from '../../query/corpus-distance.js';
import { tokenNeighboursOf } from '../../query/token-neighbours.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, listOf, storeRead } from '../costs.js';
import { toCorpus } from '../mappers.js';
import { CorpusDistance } from '../types/corpus-distance.type.js';
import { TokenNeighbour } from '../types/token-neighbour.type.js';

/** corpusDistance: both corpora's token counts, then (first time per corpus fingerprint) every frame of both read, dequantized and fitted. */
export const CORPUS_DISTANCE_COST = 2 * COST.perCorpus + 2 * COST.detect;

/** codebookColours: read the codebooks, the first time per codebooks file a PCA per layer, then 16 × 2048 × 3 bytes as base64 (4 characters per 3 bytes). */
export const CODEBOOK_COLOURS_COST = COST.store + (LAYER_COUNT * CODEBOOK_SIZE * 4) / 3;

@UseMiddleware(budgetMiddleware)
@Resolver()
export class EmbeddingSpaceResolver {
  @Query(() => [TokenNeighbour], {
    description: `The k (1..${MAX_NEIGHBOURS}) entries of a layer's codebook nearest to a token's vector, by Euclidean distance, nearest first (ties: lower token id), the token itself left out. INVALID_ARGUMENT for a layer outside 1..16, a token outside 0..2047 or k outside 1..${MAX_NEIGHBOURS}; NOT_FOUND for an unknown model or one without codebooks. Cost: ${COST.store} + k × selection.`,
    complexity: listOf(COST.store, 'k', 10, MAX_NEIGHBOURS),
  })
  async tokenNeighbours(
    @Arg('model') model: string,
    @Arg('layer', () => Int, { description: 'Layer number 1..16.' }) layer: number,
    @Arg('token', () => Int, { description: 'Token id 0..2047.' }) token: number,
    @Ctx() ctx: ApiContext,
    @Arg('k', () => Int, { defaultValue: 10, description: `Neighbours wanted, 1..${MAX_NEIGHBOURS}.` }) k: number,
  ): Promise<TokenNeighbour[]> {
    return (await tokenNeighboursOf(ctx.audio.encoders.settings.modelsDir, model, layer, token, k)).map((n) => Object.assign(new TokenNeighbour(), n));
  }

  @Query(() => CodebookColours, {
    description: `A fixed colour per codebook entry of a model (the first three principal components of each layer's codebook as red, green, blue), for colouring tokens by what they stand for. NOT_FOUND for an unknown model or one without codebooks. Cost: ${Math.round(CODEBOOK_COLOURS_COST)} + selection.`,
    complexity: storeRead(Math.round(CODEBOOK_COLOURS_COST)),
  })
  async codebookColours(@Arg('model') model: string, @Ctx() ctx: ApiContext): Promise<CodebookColours> {
    // Codebooks are model files that may change outside the store (see CodeMatrixResolver.embeddings).
    ctx.responseCaching.keep = false;
    const rgb = await codebookColoursOf(ctx.audio.encoders.settings.modelsDir, model);
    return Object.assign(new CodebookColours(), { model, method: 'pca3', layers: LAYER_COUNT, entries: CODEBOOK_SIZE, encoding: 'rgb8-base64', data: Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength).toString('base64') });
  }

  @Query(() => CorpusDistance, {
    description: `Distances between corpora a and b within one model's codes: per layer the Jensen–Shannon divergence of their token counts, and in embedding space the distance between mean frame embeddings and the Fréchet distance of Gaussians fitted to the frames (null without codebooks). model: the one both corpora hold when omitted. NOT_FOUND for an unknown corpus, INVALID_ARGUMENT for an empty one or an ambiguous model, MODEL_MISMATCH when a corpus holds no codes of the model. Cost: ${CORPUS_DISTANCE_COST} + selection.`,
    complexity: storeRead(CORPUS_DISTANCE_COST),
  })
  async corpusDistance(
    @Arg('a') a: string,
    @Arg('b') b: string,
    @Ctx() ctx: ApiContext,
    @Arg('model', () => String, { nullable: true, description: 'Compare the codes of this model; the one both corpora hold when omitted.' }) model?: string | null,
    @Arg('layers', () => [Int], { nullable: true, description: 'Layer numbers 1..16 of the token-count part; all when omitted.' }) layers?: number[] | null,
  ): Promise<CorpusDistance> {
    const r = await corpusDistance(ctx.store, ctx.cache, ctx.audio.encoders.settings.modelsDir, { a, b, model, layers }, ctx.budget.signal);
    return Object.assign(new CorpusDistance(), {
      a: toCorpus(r.a),
      b: toCorpus(r.b),
      model: r.model,
      framesA: r.framesA,
      framesB: r.framesB,
      layers: r.layers.map((l) => ({ number: l.layer, jensenShannonBits: l.jensenShannonBits })),
      embeddingDim: r.embedding?.dim ?? null,
      meanEmbeddingDistance: r.embedding?.meanDistance ?? null,
      frechetDistance: r.embedding?.frechetDistance ?? null,
    });
  }
}
