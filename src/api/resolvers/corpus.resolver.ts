import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { FRAME_SECONDS } from '../../domain/contract.js';
import { checkLayers } from '../../query/check-layers.js';
import { checkCorpusName } from '../../query/check-corpus-name.js';
import { checkLimit } from '../../query/check-limit.js';
import { layerValues } from '../../query/layer-values.js';
import type { ApiContext } from '../context.js';
import { audioCursor, parseAudioCursor } from '../cursor.js';
import { LIMITS } from '../limits.js';
import { toAudio, toCorpus, toLayer } from '../mappers.js';
import { AudioConnection } from '../types/audio.type.js';
import { Corpus } from '../types/corpus.type.js';
import { Layer } from '../types/layer.type.js';
import { COST, listOf, perLayer, storeRead, uncappedList } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => Corpus)
export class CorpusResolver {
  @Query(() => [Corpus], { description: `Every corpus, by name. Cost: ${COST.store} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.store) })
  async corpora(@Ctx() ctx: ApiContext): Promise<Corpus[]> {
    return (await ctx.store.corpora.list()).map(toCorpus);
  }

  @Query(() => Corpus, { description: `The corpus with this name; error NOT_FOUND if there is none. Cost: ${COST.store} + selection.`, complexity: storeRead() })
  async corpus(@Arg('name') name: string, @Ctx() ctx: ApiContext): Promise<Corpus> {
    const [row] = await ctx.store.corpora.requireByNames([name]);
    return toCorpus(row!);
  }

  @FieldResolver(() => Int, { description: `Audios in the corpus. Cost: ${COST.loader}.`, complexity: COST.loader })
  async audioCount(@Root() c: Corpus, @Ctx() ctx: ApiContext): Promise<number> {
    return (await ctx.loaders.corpusSummary.load(Number(c.id))).audioCount;
  }

  @FieldResolver(() => Float, { description: `Frames in all audios (Float: may exceed 2^31). Cost: ${COST.loader}.`, complexity: COST.loader })
  async frameCount(@Root() c: Corpus, @Ctx() ctx: ApiContext): Promise<number> {
    return (await ctx.loaders.corpusSummary.load(Number(c.id))).frameCount;
  }

  @FieldResolver(() => Float, { description: `Total duration in seconds (frames × 0.08). Cost: ${COST.loader}.`, complexity: COST.loader })
  async durationSeconds(@Root() c: Corpus, @Ctx() ctx: ApiContext): Promise<number> {
    return (await ctx.loaders.corpusSummary.load(Number(c.id))).frameCount * FRAME_SECONDS;
  }

  @FieldResolver(() => [String], { description: `Models whose codes the corpus holds. Cost: ${COST.loader}.`, complexity: COST.loader })
  async models(@Root() c: Corpus, @Ctx() ctx: ApiContext): Promise<string[]> {
    return (await ctx.loaders.corpusSummary.load(Number(c.id))).models;
  }

  @FieldResolver(() => AudioConnection, { description: `Audios in id order; first ≤ ${LIMITS.maxPageSize}. Cost: ${COST.store} + first × selection.`, complexity: listOf(COST.store, 'first', 50, LIMITS.maxPageSize) })
  async audios(
    @Root() c: Corpus,
    @Ctx() ctx: ApiContext,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 1..${LIMITS.maxPageSize}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last audio of the previous page.' }) after?: string | null,
  ): Promise<AudioConnection> {
    checkLimit('first', first, LIMITS.maxPageSize);
    const rows = await ctx.store.audios.listByCorpus(Number(c.id), first + 1, parseAudioCursor(after));
    for (const r of rows) ctx.loaders.audio.prime(r.id, r);
    const page = rows.slice(0, first);
    const nodes = page.map(toAudio);
    return Object.assign(new AudioConnection(), {
      corpusId: Number(c.id),
      nodes,
      edges: nodes.map((node, i) => ({ cursor: audioCursor(page[i]!.id), node })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? audioCursor(page.at(-1)!.id) : null },
    });
  }

  @FieldResolver(() => [Layer], { description: `Per-layer statistics of the whole corpus, from pre-aggregates. Cost: ${COST.store} + layers × selection.`, complexity: perLayer(COST.store) })
  async layers(
    @Root() c: Corpus,
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => [Int], { nullable: true, description: 'Layer numbers 1..16; all when omitted.' }) layers?: number[] | null,
    @Arg('model', () => String, { nullable: true, description: 'Only codes of this model; all models when omitted.' }) model?: string | null,
  ): Promise<Layer[]> {
    const scope = { corpusIds: [Number(c.id)], model: model ?? undefined };
    const rows = await ctx.store.stats.corpusLayers(scope, checkLayers(layers));
    return rows.map((r) => toLayer(layerValues(r), { kind: 'corpora', ...scope }));
  }

  @Mutation(() => Corpus, { description: `Creates an empty corpus; ALREADY_EXISTS if the name is taken. Cost: ${COST.store} + selection.`, complexity: storeRead() })
  async createCorpus(
    @Arg('name') name: string,
    @Ctx() ctx: ApiContext,
    @Arg('description', () => String, { nullable: true }) description?: string | null,
  ): Promise<Corpus> {
    return toCorpus(await ctx.store.corpora.create(checkCorpusName(name), description ?? null));
  }

  @Mutation(() => Int, { description: `Deletes a corpus with all its audios; returns how many audios were deleted. Cost: ${COST.store}.`, complexity: storeRead() })
  async deleteCorpus(@Arg('name') name: string, @Ctx() ctx: ApiContext): Promise<number> {
    return ctx.store.corpora.delete(name);
  }
}
