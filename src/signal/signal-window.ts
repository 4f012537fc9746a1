import { peakColumns } from './peaks.js';
import type { PeakColumns } from './peaks.js';
import { BINS_PER_FRAME, COLUMNS_PER_FRAME, SPECTROGRAM_SHAPE } from './signal-summary.js';
import type { SignalSummary } from './signal-summary.js';
import { spectrogramColumns } from './spectrogram.js';

/** A window of the signal as the panels draw it: both spans start and end with token frames. */
export interface SignalWindow {
  /** Columns of equal length across the window; fewer than asked for when the window holds fewer 10 ms bins. */
  waveform: PeakColumns & { columns: number };
  /** Mel bands (bytes) per column, column after column; fewer columns than asked for when the window holds fewer 20 ms columns. */
  spectrogram: { columns: number; bands: number; data: Uint8Array };
}

/**
 * Token frames [startFrame, startFrame + frameCount) of `summary` in at most `columns` columns:
 * waveform extremes and RMS per column, and each mel band's loudest level per column. Frames past
 * the signal's end read as silence. The summary must cover the window (SignalSummary.covers).
 */
export function cutSignalWindow(summary: SignalSummary, startFrame: number, frameCount: number, columns: number): SignalWindow {
  const bins = frameCount * BINS_PER_FRAME;
  const waveColumns = Math.min(columns, bins);
  const hops = frameCount * COLUMNS_PER_FRAME;
  const specColumns = Math.min(columns, hops);
  const { bands } = SPECTROGRAM_SHAPE;
  return {
    waveform: { columns: waveColumns, ...peakColumns(summary.peaks, startFrame * BINS_PER_FRAME, bins, waveColumns) },
    spectrogram: { columns: specColumns, bands, data: spectrogramColumns(summary.spectrogram.data, bands, startFrame * COLUMNS_PER_FRAME, hops, specColumns) },
  };
}
