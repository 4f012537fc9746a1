import { RealFft } from './fft.js';
import { hannWindow } from './hann-window.js';
import { melFilterbank } from './mel-filterbank.js';
import type { MelBand } from './mel-filterbank.js';

/** How a spectrogram is computed; every field is fixed per summary. */
export interface SpectrogramShape {
  /** Samples per second of the input, Hz. */
  sampleRate: number;
  /** Samples per FFT frame (a power of two): 1024 at 24 kHz is 42.7 ms, 23.4 Hz per bin. */
  fftSize: number;
  /** Samples between column starts: 480 at 24 kHz is 20 ms, four columns per 80 ms token frame. */
  hop: number;
  /** Mel bands per column. */
  bands: number;
  /** Top of the highest band, Hz (at most the Nyquist frequency). */
  maxHz: number;
  /** Level of byte 0, dB relative to a full-scale sine. */
  floorDb: number;
  /** dB per byte step: byte b is floorDb + b·stepDb. */
  stepDb: number;
}

/** A level in dB (relative to a full-scale sine) as its byte: clamped to 0..255. */
export function dbToByte(db: number, shape: Pick<SpectrogramShape, 'floorDb' | 'stepDb'>): number {
  return Math.max(0, Math.min(255, Math.round((db - shape.floorDb) / shape.stepDb)));
}

/**
 * A log-magnitude mel spectrogram computed as samples stream in. Column c describes samples
 * [c·hop, (c+1)·hop): its Hann-windowed FFT frame is centred on that span (it starts
 * fftSize/2 − hop/2 samples earlier, zeros before the first sample and after the last), so column
 * times line up with the waveform's bins and the token frames. Each column holds `bands` bytes,
 * the band's mean power in dB (a full-scale sine reads about 0 dB) quantised as dbToByte says.
 * Memory: `bands` bytes per column (64 at a 20 ms hop: 11.5 MB per hour).
 */
export class StreamingSpectrogram {
  /** Columns × bands bytes, column after column. */
  data: Uint8Array;
  /** Columns completed. */
  columns = 0;
  private readonly fft: RealFft;
  private readonly window: Float64Array;
  private readonly filters: MelBand[];
  /** 4 / (Σw)²: turns |X|² into the squared amplitude of a sine at a bin centre. */
  private readonly scale: number;
  private readonly frame: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;
  /** Samples of the next column's frame gathered so far (starting with the leading zeros). */
  private readonly pending: Float32Array;
  private filled: number;
  private samples = 0;

  constructor(
    readonly shape: SpectrogramShape,
    expectedSamples: number,
  ) {
    this.fft = new RealFft(shape.fftSize);
    this.window = hannWindow(shape.fftSize);
    const sum = this.window.reduce((s, w) => s + w, 0);
    this.scale = 4 / (sum * sum);
    this.filters = melFilterbank(shape.bands, shape.fftSize, shape.sampleRate, shape.maxHz);
    this.frame = new Float64Array(shape.fftSize);
    this.re = new Float64Array(this.fft.bins);
    this.im = new Float64Array(this.fft.bins);
    this.power = new Float64Array(this.fft.bins);
    this.pending = new Float32Array(shape.fftSize);
    this.filled = shape.fftSize / 2 - shape.hop / 2;
    this.data = new Uint8Array(Math.max(1, Math.ceil(expectedSamples / shape.hop)) * shape.bands);
  }

  push(chunk: Float32Array): void {
    const n = this.shape.fftSize;
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(n - this.filled, chunk.length - at);
      this.pending.set(chunk.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === n) this.emit();
    }
    this.samples += chunk.length;
  }

  /** Completes the columns whose frames run past the last sample (zeros after it). */
  finish(): void {
    const total = Math.ceil(this.samples / this.shape.hop);
    while (this.columns < total) {
      this.pending.fill(0, this.filled);
      this.filled = this.shape.fftSize;
      this.emit();
    }
    this.data = this.data.slice(0, this.columns * this.shape.bands);
  }

  /**
   * Takes columns computed elsewhere (another StreamingSpectrogram of the same signal and shape),
   * from column `from` on. Only for a spectrogram fed this way, never pushed to (its finish() then
   * only trims).
   */
  absorb(from: number, columns: Uint8Array): void {
    const end = from * this.shape.bands + columns.length;
    if (end > this.data.length) {
      const next = new Uint8Array(Math.max(end, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data.set(columns, from * this.shape.bands);
    this.columns = end / this.shape.bands;
  }

  /** Computes the next column from the gathered frame, then slides the frame on by one hop. */
  private emit(): void {
    const { fftSize, hop, bands } = this.shape;
    for (let i = 0; i < fftSize; i++) this.frame[i] = this.pending[i]! * this.window[i]!;
    this.fft.transform(this.frame, this.re, this.im);
    for (let k = 0; k < this.power.length; k++) this.power[k] = (this.re[k]! * this.re[k]! + this.im[k]! * this.im[k]!) * this.scale;
    if ((this.columns + 1) * bands > this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const base = this.columns * bands;
    for (let b = 0; b < bands; b++) {
      const { first, weights } = this.filters[b]!;
      let p = 0;
      for (let j = 0; j < weights.length; j++) p += weights[j]! * this.power[first + j]!;
      this.data[base + b] = dbToByte(10 * Math.log10(p + 1e-30), this.shape);
    }
    this.columns++;
    this.pending.copyWithin(0, hop);
    this.filled = fftSize - hop;
  }
}

/**
 * Columns [first, first + count) of a spectrogram (`bands` bytes each) merged into `columns`
 * output columns of equal length, each band the loudest of the columns it covers (a short event
 * stays visible when zoomed out); columns past the ones held read as byte 0. `columns` ≤ `count`.
 */
export function spectrogramColumns(data: Uint8Array, bands: number, first: number, count: number, columns: number): Uint8Array {
  const out = new Uint8Array(columns * bands);
  const held = data.length / bands;
  for (let c = 0; c < columns; c++) {
    const a = first + Math.floor((c * count) / columns);
    const b = Math.max(a + 1, first + Math.floor(((c + 1) * count) / columns));
    for (let k = a; k < b && k < held; k++) {
      for (let band = 0; band < bands; band++) {
        const v = data[k * bands + band]!;
        if (v > out[c * bands + band]!) out[c * bands + band] = v;
      }
    }
  }
  return out;
}
