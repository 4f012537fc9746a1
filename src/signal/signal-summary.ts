import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { PeakBins } from './peaks.js';
import { StreamingSpectrogram } from './spectrogram.js';
import type { SpectrogramShape } from './spectrogram.js';

/** Samples per waveform bin: 240 at 24 kHz is 10 ms, eight bins per token frame. */
export const PEAK_BIN_SAMPLES = 240;

/**
 * The spectrogram every summary holds: 64 mel bands up to 12 kHz, a 1,024-sample Hann frame
 * (42.7 ms) every 480 samples (20 ms, four columns per token frame), levels in 0.5 dB steps from
 * −120 dB (a full-scale sine is about 0 dB).
 */
export const SPECTROGRAM_SHAPE: SpectrogramShape = { sampleRate: SAMPLE_RATE, fftSize: 1024, hop: 480, bands: 64, maxHz: SAMPLE_RATE / 2, floorDb: -120, stepDb: 0.5 };

/** Waveform bins per token frame (8) and spectrogram columns per token frame (4). */
export const BINS_PER_FRAME = SAMPLES_PER_FRAME / PEAK_BIN_SAMPLES;
export const COLUMNS_PER_FRAME = SAMPLES_PER_FRAME / SPECTROGRAM_SHAPE.hop;

/**
 * What the waveform and spectrogram panels are drawn from, for one audio: its 24 kHz mono signal
 * summarised once (PeakBins at 10 ms, a StreamingSpectrogram at 20 ms), about 16 MB per hour
 * instead of the 345 MB of the decoded float samples. Built progressively: `samples` says how far
 * the summary reaches while it is built, `done` when it holds the whole signal.
 */
export class SignalSummary {
  readonly peaks: PeakBins;
  readonly spectrogram: StreamingSpectrogram;
  done = false;

  /** `expectedSamples`: the signal's length as recorded at ingest (a size hint). */
  constructor(readonly expectedSamples: number) {
    this.peaks = new PeakBins(PEAK_BIN_SAMPLES, expectedSamples);
    this.spectrogram = new StreamingSpectrogram(SPECTROGRAM_SHAPE, expectedSamples);
  }

  /** Samples summarised so far. */
  get samples(): number {
    return this.peaks.samples;
  }

  push(chunk: Float32Array): void {
    this.peaks.push(chunk);
    this.spectrogram.push(chunk);
  }

  finish(): void {
    this.peaks.finish();
    this.spectrogram.finish();
    this.done = true;
  }

  /** Bytes held by the arrays. */
  get bytes(): number {
    return this.peaks.min.byteLength * 3 + this.spectrogram.data.byteLength;
  }

  /**
   * What has been summarised past `from` (the bins and columns already handed on): the bins and
   * columns completed since, for a copy of this summary in another thread (absorb). The last part,
   * after finish(), holds the partial last bin and the trailing columns and says done.
   */
  part(from: SummaryReach): SummaryPart {
    const bins = this.done ? this.peaks.min.length : this.peaks.bins;
    const { bands } = this.spectrogram.shape;
    return {
      samples: this.peaks.samples,
      binsFrom: from.bins,
      min: this.peaks.min.slice(from.bins, bins),
      max: this.peaks.max.slice(from.bins, bins),
      meanSquare: this.peaks.meanSquare.slice(from.bins, bins),
      columnsFrom: from.columns,
      columns: this.spectrogram.data.slice(from.columns * bands, this.spectrogram.columns * bands),
      done: this.done,
    };
  }

  /** How far a copy reaches once it has absorbed `part`. */
  reached(part: SummaryPart): SummaryReach {
    return { bins: part.binsFrom + part.min.length, columns: part.columnsFrom + part.columns.length / this.spectrogram.shape.bands };
  }

  /** Adds a part made by another summary of the same signal (part()); the last part finishes this one. */
  absorb(part: SummaryPart): void {
    this.peaks.absorb(part.binsFrom, part.min, part.max, part.meanSquare, part.samples);
    this.spectrogram.absorb(part.columnsFrom, part.columns);
    if (part.done) this.finish();
  }

  /**
   * Whether frames [0, endFrame) can be cut from it: every bin and column they touch is complete
   * (a column's frame reaches fftSize/2 past its span), or the summary is done.
   */
  covers(endFrame: number): boolean {
    return this.done || this.spectrogram.columns >= endFrame * COLUMNS_PER_FRAME;
  }
}

/** How far a summary's copy reaches: whole bins and columns. */
export interface SummaryReach {
  bins: number;
  columns: number;
}

/** Bins and columns of a summary from `binsFrom` and `columnsFrom` on, as they cross to another thread. */
export interface SummaryPart {
  /** Samples the bins so far cover (every bin before, plus these). */
  samples: number;
  binsFrom: number;
  min: Float32Array;
  max: Float32Array;
  meanSquare: Float32Array;
  columnsFrom: number;
  /** Bands bytes per column, column after column. */
  columns: Uint8Array;
  /** The last part: the summary holds the whole signal. */
  done: boolean;
}
