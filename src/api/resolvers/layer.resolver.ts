import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import type { LayerEnergies } from '../../codebooks/layer-energy.js';
import { CODEBOOK_SIZE, layerIndex } from '../../domain/contract.js';
import { checkLimit } from '../../query/check-limit.js';
import type { ApiContext } from '../context.js';
import type { TokenCountsKey } from '../loaders.js';
import { LIMITS } from '../limits.js';
import { Layer } from '../types/layer.type.js';
import { TokenCount } from '../types/token-count.type.js';
import { COST, HISTOGRAM_COST, listOf } from '../costs.js';

const NO_CODEBOOKS =
  'null when the codes are of a model without codebooks (not registered, none added with `tokenscope models add-codebooks <model> <file>`, or the audio was encoded by other weights than the registered ones); for corpora, when any model counted has none';

function key(layer: Layer, limit: number): TokenCountsKey {
  return layer.scope.kind === 'audio'
    ? { kind: 'audio', audioId: layer.scope.audioId, layer: layer.number, limit }
    : { kind: 'corpora', corpusIds: layer.scope.corpusIds, model: layer.scope.model, layer: layer.number, limit };
}

@UseMiddleware(budgetMiddleware)
@Resolver(() => Layer)
export class LayerResolver {
  @FieldResolver(() => [TokenCount], { description: `Most frequent tokens, limit ≤ ${LIMITS.maxTokenCounts}. Cost: ${COST.loader} + limit × selection.`, complexity: listOf(COST.loader, 'limit', 10, LIMITS.maxTokenCounts) })
  async topTokens(@Root() layer: Layer, @Ctx() ctx: ApiContext, @Arg('limit', () => Int, { defaultValue: 10 }) limit: number): Promise<TokenCount[]> {
    checkLimit('limit', limit, LIMITS.maxTokenCounts);
    const rows = await ctx.loaders.tokenCounts.load(key(layer, limit));
    return rows.map((r) => ({ token: r.token, count: r.count, frequency: layer.tokenCount ? r.count / layer.tokenCount : 0 }));
  }

  @FieldResolver(() => [Float], { description: `Token histogram: 2048 counts, index = token id. Cost: ${HISTOGRAM_COST}.`, complexity: HISTOGRAM_COST })
  async histogram(@Root() layer: Layer, @Ctx() ctx: ApiContext): Promise<number[]> {
    const counts = new Array<number>(CODEBOOK_SIZE).fill(0);
    for (const r of await ctx.loaders.tokenCounts.load(key(layer, CODEBOOK_SIZE))) counts[r.token] = r.count;
    return counts;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: `Residual energy this layer adds: the mean over frames of ‖c_L[token]‖², the squared norm of the codebook vector the frame's token chooses (squared embedding units), from the stored token counts (Σ_t count·‖c_L[t]‖² / frames). ${NO_CODEBOOKS}. Cost: ${COST.loader}.`,
    complexity: COST.loader,
  })
  async residualEnergy(@Root() layer: Layer, @Ctx() ctx: ApiContext): Promise<number | null> {
    return (await this.energies(layer, ctx))?.mean[layerIndex(layer.number)] ?? null;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: `This layer's share (0..1) of the residual energies of all 16 layers: residualEnergy / Σ over layers (the cross terms of ‖Σ_L c_L‖² are not in it). ${NO_CODEBOOKS}. Cost: ${COST.loader}.`,
    complexity: COST.loader,
  })
  async residualEnergyShare(@Root() layer: Layer, @Ctx() ctx: ApiContext): Promise<number | null> {
    return (await this.energies(layer, ctx))?.share[layerIndex(layer.number)] ?? null;
  }

  private energies(layer: Layer, ctx: ApiContext): Promise<LayerEnergies | null> {
    // Codebooks are model files that `tokenscope models add-codebooks` changes outside the store:
    // an answer holding figures from them is not kept by the response cache.
    ctx.responseCaching.keep = false;
    return ctx.loaders.layerEnergies.load(layer.scope);
  }
}
