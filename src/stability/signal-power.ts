/** Mean square of `samples` (power), summed in double precision; 0 for an empty array. */
export function meanSquare(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length === 0 ? 0 : sum / samples.length;
}

/** Power ratio in dB of `signal` over `noise` (10·log10 of their mean squares). */
export function snrDb(signal: Float32Array, noise: Float32Array): number {
  return 10 * Math.log10(meanSquare(signal) / meanSquare(noise));
}
