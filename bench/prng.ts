export { mulberry32 } from '../src/jsutils/mulberry32.js';

/** Mixes several integers into one 32-bit seed (so audio k of corpus c gets its own stream). */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}
