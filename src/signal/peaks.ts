/**
 * The waveform's summary at a fixed resolution: for each bin of `binSamples` consecutive samples,
 * the smallest and largest sample and the mean of the squares (so any run of bins gives its RMS).
 * Fed chunk by chunk; memory is 12 bytes per bin whatever the chunk size.
 */
export class PeakBins {
  min: Float32Array;
  max: Float32Array;
  meanSquare: Float32Array;
  /** Samples seen so far. */
  samples = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private squares = 0;
  private inBin = 0;

  /** `binSamples`: samples per bin; `expectedSamples`: a size hint (the arrays grow past it). */
  constructor(
    readonly binSamples: number,
    expectedSamples: number,
  ) {
    const bins = Math.max(1, Math.ceil(expectedSamples / binSamples));
    this.min = new Float32Array(bins);
    this.max = new Float32Array(bins);
    this.meanSquare = new Float32Array(bins);
  }

  /** Whole bins completed so far. */
  get bins(): number {
    return Math.floor(this.samples / this.binSamples);
  }

  push(chunk: Float32Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const v = chunk[i]!;
      if (v < this.lo) this.lo = v;
      if (v > this.hi) this.hi = v;
      this.squares += v * v;
      if (++this.inBin === this.binSamples) this.close(this.binSamples);
    }
  }

  /** Closes the last, partial bin (its mean square over the samples it holds). */
  finish(): void {
    if (this.inBin > 0) this.close(this.inBin);
    const bins = Math.ceil(this.samples / this.binSamples);
    this.min = this.min.slice(0, bins);
    this.max = this.max.slice(0, bins);
    this.meanSquare = this.meanSquare.slice(0, bins);
  }

  /**
   * Takes bins computed elsewhere (another PeakBins of the same signal): bins [from, from + n) and
   * the samples they reach. Only for a PeakBins fed this way, never pushed to.
   */
  absorb(from: number, min: Float32Array, max: Float32Array, meanSquare: Float32Array, samples: number): void {
    while (from + min.length > this.min.length) this.grow();
    this.min.set(min, from);
    this.max.set(max, from);
    this.meanSquare.set(meanSquare, from);
    this.samples = samples;
  }

  private close(count: number): void {
    const bin = Math.floor((this.samples + count - 1) / this.binSamples);
    if (bin >= this.min.length) this.grow();
    this.min[bin] = this.lo;
    this.max[bin] = this.hi;
    this.meanSquare[bin] = this.squares / count;
    this.samples += count;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.squares = 0;
    this.inBin = 0;
  }

  private grow(): void {
    const size = this.min.length * 2;
    for (const key of ['min', 'max', 'meanSquare'] as const) {
      const next = new Float32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

/** A waveform cut into pixel columns: per column the extremes and the RMS. */
export interface PeakColumns {
  min: Float32Array;
  max: Float32Array;
  rms: Float32Array;
}

/**
 * Bins [first, first + count) of `peaks` merged into `columns` columns of equal length: column i
 * takes bins [first + ⌊i·count/columns⌋, first + ⌊(i+1)·count/columns⌋), at least one; bins past
 * the ones held read as silence. `columns` must not exceed `count`.
 */
export function peakColumns(peaks: Pick<PeakBins, 'min' | 'max' | 'meanSquare'>, first: number, count: number, columns: number): PeakColumns {
  const out = { min: new Float32Array(columns), max: new Float32Array(columns), rms: new Float32Array(columns) };
  const held = peaks.min.length;
  for (let c = 0; c < columns; c++) {
    const a = first + Math.floor((c * count) / columns);
    const b = Math.max(a + 1, first + Math.floor(((c + 1) * count) / columns));
    let lo = 0;
    let hi = 0;
    let squares = 0;
    let any = false;
    for (let k = a; k < b && k < held; k++) {
      if (!any || peaks.min[k]! < lo) lo = peaks.min[k]!;
      if (!any || peaks.max[k]! > hi) hi = peaks.max[k]!;
      squares += peaks.meanSquare[k]!;
      any = true;
    }
    out.min[c] = lo;
    out.max[c] = hi;
    out.rms[c] = Math.sqrt(squares / (b - a));
  }
  return out;
}
