import { open } from 'node:fs/promises';
import { framesLogSpectralDistance } from '../analytics/reconstruction/log-spectral-distance.js';
import { framesMelCepstralDistortion } from '../analytics/reconstruction/mel-cepstral-distortion.js';
import { METRIC_FFT, powerFrames } from '../analytics/reconstruction/power-frames.js';
import { readAudioWindow24k } from '../audio/read-audio-window.js';
import { SAMPLES_PER_FRAME } from '../domain/contract.js';
import { ErrorCode, notFound, TokenscopeError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { AudioRow } from '../store/rows.js';
import { resolveInsideRoots } from './data-roots.js';
import type { AudioDecoder, Reconstructions } from './reconstructions.js';

/** Quality figures of a window of a reconstruction against the original audio. */
export interface ReconstructionFigures {
  /** Samples compared (the window, cut to the original's length). */
  readonly samples: number;
  /** Analysis frames (512 samples, hop 128) whose original is not silent: those the means run over. */
  readonly activeFrames: number;
  /** Log-spectral distance, dB; null when no analysis frame is active. */
  readonly logSpectralDistanceDb: number | null;
  /** Mel-cepstral distortion, dB; null when no analysis frame is active. */
  readonly melCepstralDistortionDb: number | null;
}

/** What computing figures needs from the server. */
export interface FigureServices {
  readonly store: Store;
  readonly reconstructions: Reconstructions;
  readonly dataRoots: readonly string[];
}

/**
 * Log-spectral distance and mel-cepstral distortion (src/analytics/reconstruction,
 * docs/reference-decoder.md "Metrics") of frames [startFrame, startFrame + frames) of `audio`'s
 * reconstruction with `layers` against its original file, read under the media route's rules
 * (inside the data roots now: PATH_OUTSIDE_ROOTS, NOT_FOUND for a file gone, SOURCE_CHANGED for
 * other bytes). The decode is one step of the decode lane. INVALID_ARGUMENT when the window holds
 * fewer than 512 samples of the original.
 */
export async function reconstructionFigures(s: FigureServices, audio: AudioRow, decoder: AudioDecoder, layers: readonly number[], startFrame: number, frames: number, signal: AbortSignal): Promise<ReconstructionFigures> {
  if (!audio.audioSource) throw notFound(`audio ${audio.id} was ingested from codes: there is no original audio to compare its reconstruction with`, { audioId: audio.id });
  let real: string;
  try {
    real = await resolveInsideRoots(audio.sourcePath, s.dataRoots);
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    if (err.code === ErrorCode.PATH_OUTSIDE_ROOTS) throw new TokenscopeError(ErrorCode.PATH_OUTSIDE_ROOTS, `audio ${audio.id}: its original file is not inside the folders this server may read, so the reconstruction cannot be compared with it`, { audioId: audio.id });
    throw notFound(`audio ${audio.id}: its original file is gone, so the reconstruction cannot be compared with it`, { audioId: audio.id });
  }
  const handle = await open(real, 'r');
  try {
    await s.reconstructions.sources.check(audio, handle, await handle.stat());
  } finally {
    await handle.close();
  }
  const from = startFrame * SAMPLES_PER_FRAME;
  const to = Math.min((startFrame + frames) * SAMPLES_PER_FRAME, audio.audioSource.samples24k);
  if (to - from < METRIC_FFT) {
    throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `frames: the window holds ${Math.max(0, to - from)} samples of the original audio, fewer than one ${METRIC_FFT}-sample analysis frame; start earlier or take more frames`, { argument: 'frames' });
  }
  const codes = await s.store.audios.window(audio.id, 0, audio.frameCount);
  const release = await s.reconstructions.lane.enter(signal);
  let estimate: Float32Array;
  try {
    estimate = await decoder.decoder.decode({ codes, model: decoder.model }, { layers, span: { start: startFrame, count: frames } });
  } finally {
    release();
  }
  const original = await readAudioWindow24k(real, from, to, signal);
  const reference = powerFrames(original);
  const estimated = powerFrames(estimate.subarray(0, original.length));
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    samples: original.length,
    activeFrames: reference.active.reduce((n, a) => n + a, 0),
    logSpectralDistanceDb: finite(framesLogSpectralDistance(reference, estimated)),
    melCepstralDistortionDb: finite(framesMelCepstralDistortion(reference, estimated)),
  };
}
