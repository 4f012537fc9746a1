import { codeMatrix } from '../domain/code-matrix.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { mulberry32 } from '../jsutils/mulberry32.js';

/** A planted burst: frames [startFrame, endFrame). */
export interface PlantedBurst {
  startFrame: number;
  endFrame: number;
}

/** Deterministic PRNG: the same seed gives the same matrices on every machine. */
export const prng = mulberry32;

/** Tokens a layer never uses in synthetic "speech": one in eight, so bursts can use them. */
export function isReservedToken(layer: number, token: number): boolean {
  return (token * 7 + layer) % 8 === 0;
}

/** Per layer, a vocabulary of `size` common tokens (none reserved), most frequent first. */
function vocabularies(random: () => number, size: number): number[][] {
  return Array.from({ length: LAYER_COUNT }, (_, l) => {
    const pool = Array.from({ length: CODEBOOK_SIZE }, (_, t) => t).filter((t) => !isReservedToken(l + 1, t));
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, size);
  });
}

/**
 * Synthetic "speech-like" codes: each layer draws from a Zipf-like vocabulary of 300 tokens with
 * some frame-to-frame persistence. Bursts replace layers 10–14 with reserved ("cold") tokens spread
 * across the codebook, the token-level signature the guide attributes to coughs. Not real audio:
 * it exercises the pipeline and the detectors, nothing more.
 */
export function syntheticCodes(seed: number, frames: number, bursts: readonly PlantedBurst[] = []): CodeMatrix {
  const random = prng(seed);
  const vocab = vocabularies(prng(12345), 300);
  const tokens = new Uint16Array(frames * LAYER_COUNT);
  for (let f = 0; f < frames; f++) {
    for (let l = 0; l < LAYER_COUNT; l++) {
      const prev = f > 0 ? tokens[(f - 1) * LAYER_COUNT + l]! : -1;
      const rank = Math.min(299, Math.floor(Math.pow(random(), 2.5) * 300));
      tokens[f * LAYER_COUNT + l] = prev >= 0 && random() < 0.3 ? prev : vocab[l]![rank]!;
    }
  }
  for (const b of bursts) {
    for (let f = b.startFrame; f < Math.min(b.endFrame, frames); f++) {
      for (let layer = 10; layer <= 14; layer++) {
        let t = Math.floor(random() * CODEBOOK_SIZE);
        while (!isReservedToken(layer, t)) t = (t + 1) % CODEBOOK_SIZE;
        tokens[f * LAYER_COUNT + layer - 1] = t;
      }
    }
  }
  return codeMatrix(tokens);
}

/** Bursts of 3–8 frames at random places at least 2 s apart, not in the first or last second. */
export function plantBursts(seed: number, frames: number, count: number): PlantedBurst[] {
  const random = prng(seed);
  const bursts: PlantedBurst[] = [];
  let guard = 0;
  while (bursts.length < count && guard++ < 1000) {
    const length = 3 + Math.floor(random() * 6);
    const start = 13 + Math.floor(random() * (frames - 26 - length));
    if (bursts.every((b) => start + length + 25 <= b.startFrame || start >= b.endFrame + 25)) bursts.push({ startFrame: start, endFrame: start + length });
  }
  return bursts.sort((a, b) => a.startFrame - b.startFrame);
}
