/**
 * The periodic Hann window of `length` samples, w[n] = 0.5 − 0.5·cos(2πn / length): the one that
 * overlaps-adds to a constant at a hop of length / 2 or length / 4, as a spectrogram's frames do.
 */
export function hannWindow(length: number): Float64Array {
  const w = new Float64Array(length);
  for (let n = 0; n < length; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length);
  return w;
}
