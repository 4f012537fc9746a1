/**
 * mulberry32: a seeded PRNG with 32 bits of state returning floats in [0, 1). The project's one
 * source of reproducible randomness (synthetic data, fixtures, training, bootstrap resampling):
 * the same seed gives the same stream on every machine.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
