import { Arg, Ctx, FieldResolver, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { layersText } from '../../decoders/check-request.js';
import { parseLayers } from '../../decoders/parse-layers.js';
import { ALL_LAYERS, SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import { checkLimit } from '../../query/check-limit.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, storeRead } from '../costs.js';
import { LIMITS } from '../limits.js';
import { reconstructionFigures } from '../reconstruction-figures.js';
import { Audio } from '../types/audio.type.js';
import { Reconstruction, ReconstructionQuality } from '../types/reconstruction.type.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => Audio)
export class AudioReconstructionResolver {
  @FieldResolver(() => Reconstruction, {
    nullable: true,
    description:
      'The audio\'s codes decoded by its model\'s decoder, with layers 1..16 or some of them (an ablation, for decoders that take partial sums): where to stream it, its length and decoder, and quality figures. ' +
      'Null when there is no decoder for the audio\'s model (codes ingested under an external id, a model not registered here or naming no decoder). INVALID_ARGUMENT for bad layers text, UNSUPPORTED_OPERATION for an ablation the decoder cannot do. ' +
      `Cost: ${COST.store} + selection.`,
    complexity: storeRead(),
  })
  async reconstruction(
    @Root() a: Audio,
    @Ctx() ctx: ApiContext,
    @Arg('layers', () => String, { nullable: true, description: 'Layers to keep, as the CLI\'s --layers takes them: 1-8, 12, 1-4,9; all 16 when absent.' }) layers?: string | null,
  ): Promise<Reconstruction | null> {
    const kept = layers === undefined || layers === null ? ALL_LAYERS : parseLayers(layers, 'layers');
    // The answer depends on the models folder (a decoder added later), not only on the store.
    ctx.responseCaching.keep = false;
    const row = await ctx.store.audios.require(Number(a.id));
    let opened;
    try {
      opened = await ctx.reconstructions.decoderOf(row);
    } catch (err) {
      if (err instanceof TokenscopeError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
    const { info } = opened.decoder;
    if (kept.length < ALL_LAYERS.length && info.ablation.kind === 'none') {
      throw new TokenscopeError(ErrorCode.UNSUPPORTED_OPERATION, `layers: the ${info.summary} decoder of model '${row.model}' decodes all 16 layers only: ${info.ablation.reason}`, { layers: [...kept] });
    }
    const text = layersText(kept);
    const samples = row.frameCount * SAMPLES_PER_FRAME;
    return Object.assign(new Reconstruction(), {
      url: `/media/reconstruction/${row.id}${kept.length < ALL_LAYERS.length ? `?layers=${encodeURIComponent(text.replace(/ /g, ''))}` : ''}`,
      layers: [...kept],
      layersText: text,
      samples,
      seconds: samples / SAMPLE_RATE,
      decoder: { kind: info.kind, summary: info.summary, partialSums: info.ablation.kind === 'partial-sums', sha256: opened.sha256 },
      row,
      opened,
    });
  }
}

@UseMiddleware(budgetMiddleware)
@Resolver(() => Reconstruction)
export class ReconstructionResolver {
  @FieldResolver(() => ReconstructionQuality, {
    nullable: true,
    description:
      `Log-spectral distance and mel-cepstral distortion of a window of the reconstruction against the original audio, decoded while the request waits: frameCount ≤ ${LIMITS.maxReconstructionFrames} (LIMIT_EXCEEDED beyond; ${(LIMITS.maxReconstructionFrames * 0.08).toFixed(0)} s). ` +
      'Null for an audio ingested from codes (no original). The original is read under the media route\'s rules: PATH_OUTSIDE_ROOTS, NOT_FOUND for a file gone, SOURCE_CHANGED. ' +
      `Cost: ${COST.reconstructionFigures}.`,
    complexity: COST.reconstructionFigures,
  })
  async quality(
    @Root() r: Reconstruction,
    @Ctx() ctx: ApiContext,
    @Arg('startFrame', () => Int, { defaultValue: 0, description: 'First frame of the window (0-based), below the audio\'s frameCount.' }) startFrame: number,
    @Arg('frameCount', () => Int, { defaultValue: 250, description: `Frames in the window, 1..${LIMITS.maxReconstructionFrames} (250 = 20 s); cut at the audio's end.` }) frameCount: number,
  ): Promise<ReconstructionQuality | null> {
    checkLimit('startFrame', startFrame, Number.MAX_SAFE_INTEGER, 0);
    checkLimit('frameCount', frameCount, LIMITS.maxReconstructionFrames);
    if (startFrame >= r.row.frameCount) throw invalidArgument(`startFrame must be below the audio's ${r.row.frameCount} frames; received ${startFrame}`, { argument: 'startFrame', value: startFrame });
    if (!r.row.audioSource) return null;
    // The answer depends on a file, not only on the stored data: never kept by the response cache.
    ctx.responseCaching.keep = false;
    const frames = Math.min(frameCount, r.row.frameCount - startFrame);
    const figures = await reconstructionFigures({ store: ctx.store, reconstructions: ctx.reconstructions, dataRoots: ctx.config.dataRoots }, r.row, r.opened, r.layers, startFrame, frames, ctx.budget.signal);
    return { startFrame, frameCount: frames, ...figures };
  }
}
