/** Mels of a frequency in Hz (the HTK formula, 2595·log10(1 + f/700)). */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** Hz of a mel value (the inverse of hzToMel). */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/** One triangular band: weights of FFT bins [first, first + weights.length). */
export interface MelBand {
  first: number;
  weights: Float64Array;
}

/**
 * `bands` triangular filters with centres equally spaced in mel between 0 Hz and `maxHz`, over the
 * bins of an FFT of `fftSize` samples at `sampleRate` Hz. Each band's weights sum to 1, so a band
 * reads as the average power of the bins under it (white noise is flat across bands, not brighter
 * where bands are wide). A band narrower than one bin takes the bin nearest its centre.
 */
export function melFilterbank(bands: number, fftSize: number, sampleRate: number, maxHz: number): MelBand[] {
  const binHz = sampleRate / fftSize;
  const lastBin = fftSize / 2;
  const top = hzToMel(maxHz);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz((top * i) / (bands + 1)));
  return Array.from({ length: bands }, (_, b) => {
    const [lo, mid, hi] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    const first = Math.max(0, Math.ceil(lo / binHz));
    const last = Math.min(lastBin, Math.floor(hi / binHz));
    const raw: number[] = [];
    for (let k = first; k <= last; k++) {
      const f = k * binHz;
      raw.push(f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid));
    }
    const sum = raw.reduce((s, w) => s + Math.max(0, w), 0);
    if (sum <= 0) return { first: Math.min(lastBin, Math.round(mid / binHz)), weights: Float64Array.of(1) };
    return { first, weights: Float64Array.from(raw, (w) => Math.max(0, w) / sum) };
  });
}
