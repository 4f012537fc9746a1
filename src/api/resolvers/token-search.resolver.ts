import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { frameToSeconds } from '../../domain/contract.js';
import { tokenBigrams } from '../../query/token-bigrams.js';
import { occurrencePage, tokenCounts } from '../../query/token-search.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, listOf, storeRead } from '../costs.js';
import { occurrenceCursor, parseOccurrenceCursor } from '../cursor.js';
import { LIMITS } from '../limits.js';
import { toCorpus } from '../mappers.js';
import { TokenOccurrence } from '../types/cold-token.type.js';
import { TokenBigrams, TokenOccurrenceConnection, TokenSearch } from '../types/token-search.type.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => TokenSearch)
export class TokenSearchResolver {
  @Query(() => TokenSearch, {
    description: `Where token \`token\` of layer \`layer\` occurs: how often and in how many audios per corpus (from the per-audio token counts written at ingest), and its places page by page. Searches every corpus when \`corpora\` is omitted (at most ${LIMITS.maxCorpora} when given). Cost: ${2 * COST.store} + selection.`,
    complexity: storeRead(2 * COST.store),
  })
  async tokenOccurrences(
    @Arg('layer', () => Int, { description: 'Layer number 1..16.' }) layer: number,
    @Arg('token', () => Int, { description: 'Token id 0..2047.' }) token: number,
    @Ctx() ctx: ApiContext,
    @Arg('corpora', () => [String], { nullable: true, description: 'Corpora to search; all when omitted.' }) corpora?: string[] | null,
    @Arg('model', () => String, { nullable: true, description: 'Only codes of this model; all models when omitted.' }) model?: string | null,
  ): Promise<TokenSearch> {
    const r = await tokenCounts(ctx.store, { layer, token, corpora, model, maxCorpora: LIMITS.maxCorpora });
    return Object.assign(new TokenSearch(), {
      scope: r.scope,
      layer,
      token,
      totalCount: r.totalCount,
      audioCount: r.audioCount,
      corpora: r.corpora.map((c) => ({ corpus: toCorpus(c.corpus), count: c.counts.count, audioCount: c.counts.audioCount })),
    });
  }

  @FieldResolver(() => TokenOccurrenceConnection, {
    description: `The places it occurs, in audio then frame order; first ≤ ${LIMITS.maxOccurrencePage}, \`after\` an endCursor of the previous page. Reads only the frames of audios that hold the token. Cost: ${COST.store} + first × selection.`,
    complexity: listOf(COST.store, 'first', 20, LIMITS.maxOccurrencePage),
  })
  async occurrences(
    @Root() s: TokenSearch,
    @Ctx() ctx: ApiContext,
    @Arg('first', () => Int, { defaultValue: 20, description: `1..${LIMITS.maxOccurrencePage}.` }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<TokenOccurrenceConnection> {
    const page = await occurrencePage(ctx.store, s.scope, first, parseOccurrenceCursor(after), LIMITS.maxOccurrencePage);
    const last = page.occurrences.at(-1);
    return {
      nodes: page.occurrences.map((o) => Object.assign(new TokenOccurrence(), { audioId: o.audioId, frame: o.frame, seconds: frameToSeconds(o.frame) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? occurrenceCursor(last.audioId, last.frame) : null },
    };
  }

  @Query(() => TokenBigrams, {
    description: `The most frequent pairs of consecutive tokens (frame t, frame t+1 of one audio) on one layer of a corpus, with counts and shares; first ≤ ${LIMITS.maxBigrams}. No pre-aggregate holds pairs, so this reads the layer of every frame of the corpus (0.5–1.1 s for 50 hours at the median on 2 busy cores: see docs/benchmarks.md; answers are kept in the result cache). Cost: ${COST.layerScan} + first × selection.`,
    complexity: listOf(COST.layerScan, 'first', 20, LIMITS.maxBigrams),
  })
  async tokenBigrams(
    @Arg('corpus') corpus: string,
    @Arg('layer', () => Int, { description: 'Layer number 1..16.' }) layer: number,
    @Ctx() ctx: ApiContext,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many pairs, 1..${LIMITS.maxBigrams}.` }) first: number,
    @Arg('model', () => String, { nullable: true, description: 'Only codes of this model; required when the corpus holds several.' }) model?: string | null,
  ): Promise<TokenBigrams> {
    const r = await tokenBigrams(ctx.store, { corpus, layer, first, model, maxFirst: LIMITS.maxBigrams });
    return {
      corpus: toCorpus(r.corpus),
      layer: r.layer,
      totalPairs: r.totalPairs,
      bigrams: r.bigrams.map((b) => ({ ...b, share: r.totalPairs ? b.count / r.totalPairs : 0 })),
    };
  }
}
