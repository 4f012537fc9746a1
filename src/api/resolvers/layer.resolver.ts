import { Arg, Ctx, FieldResolver, Float, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { CODEBOOK_SIZE } from '../../domain/contract.js';
import { checkLimit } from '../../query/check-limit.js';
import type { ApiContext } from '../context.js';
import type { TokenCountsKey } from '../loaders.js';
import { LIMITS } from '../limits.js';
import { Layer } from '../types/layer.type.js';
import { TokenCount } from '../types/token-count.type.js';
import { COST, HISTOGRAM_COST, listOf } from '../costs.js';

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
}
