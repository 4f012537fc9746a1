/** Triangular mel filterbank (HTK mel scale, peak-1 triangles) as a [bins × bands] matrix for MatMul. */

/** HTK mel of a frequency in Hz. */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** Frequency in Hz of an HTK mel value. */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/**
 * Row-major [fftLength/2+1, bands] weights: column b is a triangle from centre b-1 to centre b+1,
 * centres evenly spaced in mel between `fMinHz` and `fMaxHz`.
 */
export function melFilterbank(sampleRate: number, fftLength: number, bands: number, fMinHz: number, fMaxHz: number): Float32Array {
  const bins = fftLength / 2 + 1;
  const lo = hzToMel(fMinHz);
  const hi = hzToMel(fMaxHz);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (bands + 1)));
  const out = new Float32Array(bins * bands);
  for (let k = 0; k < bins; k++) {
    const hz = (k * sampleRate) / fftLength;
    for (let b = 0; b < bands; b++) {
      const left = edges[b]!;
      const centre = edges[b + 1]!;
      const right = edges[b + 2]!;
      const w = hz <= left || hz >= right ? 0 : hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
      out[k * bands + b] = w;
    }
  }
  return out;
}
