/** `samples` times 10^(db/20). */
export function applyGainDb(samples: Float32Array, db: number): Float32Array {
  const gain = 10 ** (db / 20);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * gain;
  return out;
}
