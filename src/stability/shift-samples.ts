/**
 * `samples` moved by `shift` samples, length kept: positive delays (zeros in front, the tail cut),
 * negative advances (the head cut, zeros at the end).
 */
export function shiftSamples(samples: Float32Array, shift: number): Float32Array {
  const out = new Float32Array(samples.length);
  if (shift >= 0) out.set(samples.subarray(0, Math.max(0, samples.length - shift)), Math.min(shift, samples.length));
  else out.set(samples.subarray(Math.min(-shift, samples.length)));
  return out;
}
