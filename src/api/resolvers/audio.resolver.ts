import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { LAYER_COUNT, frameToSeconds } from '../../domain/contract.js';
import { checkLayers } from '../../query/check-layers.js';
import { checkLimit } from '../../query/check-limit.js';
import { layerValues } from '../../query/layer-values.js';
import type { ApiContext } from '../context.js';
import { parseId } from '../ids.js';
import { LIMITS } from '../limits.js';
import { toAudio, toAudioLabel, toCorpus, toLayer } from '../mappers.js';
import { Audio, AudioConnection, AudioLabel } from '../types/audio.type.js';
import { CodeMatrixWindow } from '../types/code-matrix.type.js';
import { Corpus } from '../types/corpus.type.js';
import { MediaUnavailable } from '../types/media-unavailable.type.js';
import { mediaAccess, MediaUnavailableReason } from '../media-access.js';
import type { MediaAccess } from '../media-access.js';
import { Layer } from '../types/layer.type.js';
import { CorpusResolver } from './corpus.resolver.js';
import { COST, listOf, perFrame, perLayer, storeRead, uncappedList } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => Audio)
export class AudioResolver {
  @Query(() => Audio, { description: `The audio with this id; error NOT_FOUND if there is none. Cost: ${COST.store} + selection.`, complexity: storeRead() })
  async audio(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Audio> {
    return toAudio(await ctx.store.audios.require(parseId(id, 'id')));
  }

  @Query(() => AudioConnection, { description: `A page of a corpus's audios in id order; first ≤ ${LIMITS.maxPageSize}. Cost: ${COST.store} + first × selection.`, complexity: listOf(COST.store, 'first', 50, LIMITS.maxPageSize) })
  async audios(
    @Arg('corpus') corpus: string,
    @Ctx() ctx: ApiContext,
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 1..${LIMITS.maxPageSize}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last audio of the previous page.' }) after?: string | null,
  ): Promise<AudioConnection> {
    checkLimit('first', first, LIMITS.maxPageSize);
    const [row] = await ctx.store.corpora.requireByNames([corpus]);
    return new CorpusResolver().audios(toCorpus(row!), ctx, first, after);
  }

  @FieldResolver(() => [AudioLabel], { description: `Labelled spans imported with the audio, in start order. Cost: ${COST.loader} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.loader) })
  async labels(@Root() a: Audio, @Ctx() ctx: ApiContext): Promise<AudioLabel[]> {
    return (await ctx.loaders.labels.load(Number(a.id))).map(toAudioLabel);
  }

  @FieldResolver(() => Corpus, { description: `The corpus holding the audio. Cost: ${COST.loader} + selection.`, complexity: storeRead(COST.loader) })
  async corpus(@Root() a: Audio, @Ctx() ctx: ApiContext): Promise<Corpus> {
    return toCorpus(await ctx.loaders.corpus.load(a.corpusId));
  }

  @FieldResolver(() => [Layer], { description: `Per-layer statistics of this audio (pre-aggregated at ingest). Cost: ${COST.loader} + layers × selection.`, complexity: perLayer(COST.loader) })
  async layers(
    @Root() a: Audio,
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => [Int], { nullable: true, description: 'Layer numbers 1..16; all when omitted.' }) layers?: number[] | null,
  ): Promise<Layer[]> {
    const wanted = new Set(checkLayers(layers));
    const rows = await ctx.loaders.audioLayers.load(Number(a.id));
    return rows.filter((r) => wanted.has(r.layer)).map((r) => toLayer(layerValues(r), { kind: 'audio', audioId: Number(a.id) }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: `Where the original audio streams from, with HTTP range requests: /media/audio/<id> for audio encoded here from a file that lies inside the data roots now; null when it cannot be played (see mediaUnavailable). Cost: ${COST.loader} (a file-system check).`,
    complexity: COST.loader,
  })
  async mediaUrl(@Root() a: Audio, @Ctx() ctx: ApiContext): Promise<string | null> {
    return (await checkMedia(a, ctx)).playable ? `/media/audio/${a.id}` : null;
  }

  @FieldResolver(() => MediaUnavailable, { nullable: true, description: `Why the original audio cannot be played (mediaUrl is null), and what would allow it; null when it can. Cost: ${COST.loader} (a file-system check).`, complexity: COST.loader })
  async mediaUnavailable(@Root() a: Audio, @Ctx() ctx: ApiContext): Promise<MediaUnavailable | null> {
    const access = await checkMedia(a, ctx);
    if (access.playable) return null;
    const shown = ctx.paths.trusted ? access.folder : null;
    return Object.assign(new MediaUnavailable(), { reason: access.reason, message: unavailableMessage(access.reason, shown), dataRoot: shown });
  }

  @FieldResolver(() => CodeMatrixWindow, { description: `A window of the codes; frameCount ≤ ${LIMITS.maxWindowFrames}. Cost: ${COST.store} + frameCount × selection (layerMajor, frameMajor: ${LAYER_COUNT} per frame).`, complexity: perFrame(COST.store, 250) })
  async codes(
    @Root() a: Audio,
    @Ctx() ctx: ApiContext,
    @Arg('startFrame', () => Int, { defaultValue: 0, description: 'First frame (0-based).' }) startFrame: number,
    @Arg('frameCount', () => Int, { defaultValue: 250, description: `Frames wanted, 1..${LIMITS.maxWindowFrames} (250 = 20 s).` }) frameCount: number,
  ): Promise<CodeMatrixWindow> {
    checkLimit('startFrame', startFrame, Number.MAX_SAFE_INTEGER, 0);
    checkLimit('frameCount', frameCount, LIMITS.maxWindowFrames);
    const m = await ctx.store.audios.window(Number(a.id), startFrame, frameCount);
    return {
      audioId: a.id,
      startFrame,
      frameCount: m.frames,
      startSeconds: frameToSeconds(startFrame),
      endSeconds: frameToSeconds(startFrame + m.frames),
      model: a.model,
      modelSha256: a.modelSha256,
      tokens: m.tokens,
    };
  }

  @Mutation(() => Boolean, { description: `Deletes an audio with its codes and statistics; NOT_FOUND if there is none. Cost: ${COST.store}.`, complexity: storeRead() })
  async deleteAudio(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<boolean> {
    await ctx.store.audios.delete(parseId(id, 'id'));
    return true;
  }
}

/** The media check of `a`, made once per Audio object (mediaUrl and mediaUnavailable share it). */
function checkMedia(a: Audio, ctx: ApiContext): Promise<MediaAccess> {
  // The answer depends on files and the data roots, not on the store: not for the response cache.
  ctx.responseCaching.keep = false;
  a.mediaCheck ??= mediaAccess(a.source.kind, a.source.path, ctx.config.dataRoots);
  return a.mediaCheck;
}

/** The page's sentence for `reason`; `folder`: the --data-root to suggest, when the caller may see it. */
function unavailableMessage(reason: MediaUnavailableReason, folder: string | null): string {
  switch (reason) {
    case MediaUnavailableReason.CODES_ONLY:
      return 'No original audio to play: this code matrix was ingested from codes computed elsewhere.';
    case MediaUnavailableReason.FILE_MISSING:
      return 'The original audio cannot be played: its file is no longer where it was ingested from.';
    case MediaUnavailableReason.OUTSIDE_DATA_ROOTS:
      return folder
        ? `The original audio cannot be played: its file lies outside the data roots; start the server with --data-root ${folder} (or a folder above it) to play it.`
        : 'The original audio cannot be played: its file lies outside the folders this server may read.';
  }
}
