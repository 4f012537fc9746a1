import { Arg, Ctx, FieldResolver, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { frameToSeconds, SAMPLE_RATE } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import { float32LittleEndianBase64 } from '../../jsutils/float32-base64.js';
import { checkLimit } from '../../query/check-limit.js';
import { SPECTROGRAM_SHAPE } from '../../signal/signal-summary.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, perSignalColumn } from '../costs.js';
import { LIMITS } from '../limits.js';
import { Audio } from '../types/audio.type.js';
import { AudioSignal } from '../types/audio-signal.type.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => Audio)
export class AudioSignalResolver {
  @FieldResolver(() => AudioSignal, {
    description:
      `Waveform and spectrogram of a window of the original audio file (decoded once per file and kept as a summary: 10 ms waveform bins, 20 ms spectrogram hops), read under the media route's rules: ` +
      `NOT_FOUND for ingested codes or a file gone, PATH_OUTSIDE_ROOTS when the file lies outside the data roots, SOURCE_CHANGED when it holds other bytes. frameCount ≤ ${LIMITS.maxWindowFrames}, columns ≤ ${LIMITS.maxSignalColumns}. ` +
      `Cost: ${COST.store} + columns × ${COST.signalColumn} + selection.`,
    complexity: perSignalColumn(1000),
  })
  async signal(
    @Root() a: Audio,
    @Ctx() ctx: ApiContext,
    @Arg('startFrame', () => Int, { defaultValue: 0, description: 'First frame (0-based), below the audio\'s frameCount.' }) startFrame: number,
    @Arg('frameCount', () => Int, { defaultValue: 250, description: `Frames wanted, 1..${LIMITS.maxWindowFrames} (250 = 20 s).` }) frameCount: number,
    @Arg('columns', () => Int, { defaultValue: 1000, description: `Columns to draw the window in (e.g. the panel's width in pixels), 1..${LIMITS.maxSignalColumns}.` }) columns: number,
  ): Promise<AudioSignal> {
    checkLimit('startFrame', startFrame, Number.MAX_SAFE_INTEGER, 0);
    checkLimit('frameCount', frameCount, LIMITS.maxWindowFrames);
    checkLimit('columns', columns, LIMITS.maxSignalColumns);
    const row = await ctx.store.audios.require(Number(a.id));
    if (startFrame >= row.frameCount) throw invalidArgument(`startFrame must be below the audio's ${row.frameCount} frames; received ${startFrame}`, { argument: 'startFrame', value: startFrame });
    // The answer depends on a file, not only on the stored data: never kept by the response cache.
    ctx.responseCaching.keep = false;
    const frames = Math.min(frameCount, row.frameCount - startFrame);
    const w = await ctx.signals.window(row, ctx.config.dataRoots, startFrame, frames, columns, ctx.budget.signal);
    const seconds = frameToSeconds(frames);
    return {
      audioId: a.id,
      startFrame,
      frameCount: frames,
      startSeconds: frameToSeconds(startFrame),
      endSeconds: frameToSeconds(startFrame + frames),
      waveform: { columns: w.waveform.columns, secondsPerColumn: seconds / w.waveform.columns, min: float32LittleEndianBase64(w.waveform.min), max: float32LittleEndianBase64(w.waveform.max), rms: float32LittleEndianBase64(w.waveform.rms) },
      spectrogram: {
        columns: w.spectrogram.columns,
        secondsPerColumn: seconds / w.spectrogram.columns,
        bands: w.spectrogram.bands,
        maxHz: SPECTROGRAM_SHAPE.maxHz,
        fftSize: SPECTROGRAM_SHAPE.fftSize,
        hopSeconds: SPECTROGRAM_SHAPE.hop / SAMPLE_RATE,
        floorDb: SPECTROGRAM_SHAPE.floorDb,
        stepDb: SPECTROGRAM_SHAPE.stepDb,
        levels: Buffer.from(w.spectrogram.data.buffer, w.spectrogram.data.byteOffset, w.spectrogram.data.byteLength).toString('base64'),
      },
    };
  }
}
