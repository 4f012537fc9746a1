import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { frameToSeconds } from '../../domain/contract.js';
import { checkLimit } from '../../query/check-limit.js';
import { coldTokens } from '../../query/cold-tokens.js';
import { corpusLayerStats } from '../../query/corpus-layer-stats.js';
import { layerValues } from '../../query/layer-values.js';
import { referenceCountsFor } from '../../query/reference-counts.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../domain/contract.js';
import { TokenCountTable } from '../types/token-count-table.type.js';
import type { ApiContext } from '../context.js';
import { LIMITS } from '../limits.js';
import { toAudio, toCorpus, toLayer } from '../mappers.js';
import { Audio } from '../types/audio.type.js';
import { ColdToken, TokenOccurrence } from '../types/cold-token.type.js';
import { LayerStats } from '../types/layer-stats.type.js';
import { TokenFrequencies } from '../types/token-count.type.js';
import { COST, listOf, perCorpus, storeRead } from '../costs.js';

/** tokenCountTable: a corpus's histograms from the pre-aggregates, then one value per layer and token. */
export const TOKEN_COUNT_TABLE_COST = COST.perCorpus + LAYER_COUNT * CODEBOOK_SIZE;

@UseMiddleware(budgetMiddleware)
@Resolver(() => ColdToken)
export class StatsResolver {
  @Query(() => LayerStats, { description: `Per-layer statistics across one or more corpora (at most ${LIMITS.maxCorpora}), from pre-aggregates. Cost: ${COST.perCorpus} per corpus + selection.`, complexity: perCorpus() })
  async layerStats(
    @Arg('corpora', () => [String]) corpora: string[],
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => [Int], { nullable: true, description: 'Layer numbers 1..16; all when omitted.' }) layers?: number[] | null,
    @Arg('model', () => String, { nullable: true, description: 'Only codes of this model; all models when omitted (see mixedModels).' }) model?: string | null,
  ): Promise<LayerStats> {
    const s = await corpusLayerStats(ctx.store, { corpora, layers, model, maxCorpora: LIMITS.maxCorpora });
    const scope = { kind: 'corpora' as const, corpusIds: s.corpora.map((c) => c.id), model: s.model };
    return {
      corpora: s.corpora.map(toCorpus),
      models: s.models,
      mixedModels: s.models.length > 1,
      audioCount: s.audioCount,
      frameCount: s.frameCount,
      layers: s.layers.map((r) => toLayer(layerValues(r), scope)),
    };
  }

  @Query(() => TokenFrequencies, { description: `The token frequency histogram of one layer over a corpus, most frequent first; first ≤ ${LIMITS.maxTokenCounts}. Cost: ${COST.perCorpus + COST.store} + first × selection.`, complexity: listOf(COST.perCorpus + COST.store, 'first', LIMITS.maxTokenCounts, LIMITS.maxTokenCounts) })
  async tokenFrequencies(
    @Arg('corpus') corpus: string,
    @Arg('layer', () => Int, { description: 'Layer number 1..16.' }) layer: number,
    @Ctx() ctx: ApiContext,
    @Arg('first', () => Int, { defaultValue: LIMITS.maxTokenCounts, description: `How many tokens, 1..${LIMITS.maxTokenCounts}.` }) first: number,
    @Arg('model', () => String, { nullable: true, description: 'Only codes of this model.' }) model?: string | null,
  ): Promise<TokenFrequencies> {
    checkLimit('first', first, LIMITS.maxTokenCounts);
    const s = await corpusLayerStats(ctx.store, { corpora: [corpus], layers: [layer], model, maxCorpora: 1 });
    const total = s.layers[0]?.tokenCount ?? 0;
    const rows = await ctx.store.stats.corpusTokenCounts({ corpusIds: s.corpora.map((c) => c.id), model: s.model }, layer, first);
    return {
      layer,
      totalTokens: total,
      distinctTokens: s.layers[0]?.distinctTokens ?? 0,
      tokens: rows.map((r) => ({ token: r.token, count: r.count, frequency: total ? r.count / total : 0 })),
    };
  }

  @Query(() => TokenCountTable, {
    description: `Every token's occurrences in every layer of a corpus, within one model's codes (16 × 2048 counts, from the pre-aggregates): one request gives the audio view the commonness and surprisal of any token. NOT_FOUND for an unknown corpus, INVALID_ARGUMENT for an empty one, MODEL_MISMATCH when it holds no codes of the model. Cost: ${TOKEN_COUNT_TABLE_COST} + selection.`,
    complexity: storeRead(TOKEN_COUNT_TABLE_COST),
  })
  async tokenCountTable(@Arg('corpus') corpus: string, @Arg('model', { description: 'Count only codes of this model (the audio\'s).' }) model: string, @Ctx() ctx: ApiContext): Promise<TokenCountTable> {
    const rows = (await referenceCountsFor(ctx.store, corpus, model, 'corpus')).perLayer.map((row) => Array.from(row));
    return Object.assign(new TokenCountTable(), { corpus, model, layerTotals: rows.map((row) => row.reduce((a, b) => a + b, 0)), counts: rows });
  }

  @Query(() => [ColdToken], {
    description: `Tokens rare (≤ maxReferenceCount) or absent in the reference corpus that occur in the target, per model and layer; coldest first (fewest reference occurrences, then most target occurrences); limit ≤ ${LIMITS.maxColdTokens}, and \`offset\` pages on through all of them (a page shorter than limit is the last). Cost: ${2 * COST.perCorpus} + limit × selection.`,
    complexity: listOf(2 * COST.perCorpus, 'limit', 50, LIMITS.maxColdTokens),
  })
  async coldTokens(
    @Arg('reference') reference: string,
    @Arg('target') target: string,
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => [Int], { nullable: true, description: 'Layer numbers 1..16; all when omitted.' }) layers?: number[] | null,
    @Arg('maxReferenceCount', () => Int, { defaultValue: 0, description: 'Cold means at most this many occurrences in the reference (0: never seen).' }) maxReferenceCount = 0,
    @Arg('limit', () => Int, { defaultValue: 50, description: `1..${LIMITS.maxColdTokens}.` }) limit = 50,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'Cold tokens skipped first, in the same order (≥ 0).' }) offset = 0,
  ): Promise<ColdToken[]> {
    const r = await coldTokens(ctx.store, { reference, target, layers, maxReferenceCount, limit, maxLimit: LIMITS.maxColdTokens, offset });
    return r.tokens.map((t) => Object.assign(new ColdToken(), t, { targetCorpusIds: r.targetCorpusIds }));
  }

  @FieldResolver(() => [TokenOccurrence], { description: `Where the token occurs in the target, in audio then frame order; first ≤ ${LIMITS.maxOccurrences}. Cost: ${COST.loader} + first × selection.`, complexity: listOf(COST.loader, 'first', 10, LIMITS.maxOccurrences) })
  async occurrences(@Root() t: ColdToken, @Ctx() ctx: ApiContext, @Arg('first', () => Int, { defaultValue: 10 }) first: number): Promise<TokenOccurrence[]> {
    checkLimit('first', first, LIMITS.maxOccurrences);
    const rows = await ctx.loaders.occurrences.load({ corpusIds: t.targetCorpusIds, layer: t.layer, token: t.token, first });
    return rows.map((r) => Object.assign(new TokenOccurrence(), { audioId: r.audioId, frame: r.frame, seconds: frameToSeconds(r.frame) }));
  }
}

@UseMiddleware(budgetMiddleware)
@Resolver(() => TokenOccurrence)
export class TokenOccurrenceResolver {
  @FieldResolver(() => Audio, { description: `The audio it occurs in. Cost: ${COST.loader} + selection.`, complexity: storeRead(COST.loader) })
  async audio(@Root() o: TokenOccurrence, @Ctx() ctx: ApiContext): Promise<Audio> {
    return toAudio(await ctx.loaders.audio.load(o.audioId));
  }
}
