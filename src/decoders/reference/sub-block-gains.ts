/**
 * The loudness contour: scales each 10 ms sub-block so that its mean square comes close to the
 * decoded one. A gain is constant inside a sub-block and crosses to the next one over a
 * raised-cosine ramp centred on their boundary (a hard step would click; the decoder's default ramp
 * spans two half sub-blocks, the whole crossing); because the ramps borrow from the neighbours, the
 * correction runs `passes` times. Each gain depends on its own
 * sub-block's samples and the ramps on the neighbours' gains only, so the stage is local.
 */
import { BLOCK_SAMPLES, ENVELOPE_EPSILON } from './feature-layout.js';

/** A sub-block whose mean square is below this is treated as silent: it cannot be raised (gain 0). */
const SILENT_MEAN_SQUARE = 1e-20;

/** Raised-cosine weight of the later gain at each of a ramp's samples, per ramp length. */
const RISES = new Map<number, Float64Array>();

function riseOf(ramp: number): Float64Array {
  let rise = RISES.get(ramp);
  if (!rise) {
    rise = Float64Array.from({ length: ramp }, (_, i) => 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / ramp));
    RISES.set(ramp, rise);
  }
  return rise;
}

/** Σ samples² of each sub-block, in sample order, into `sums`. */
function blockSums(samples: Float64Array, sums: Float64Array): void {
  for (let j = 0; j < sums.length; j++) {
    let sum = 0;
    for (let n = j * BLOCK_SAMPLES; n < (j + 1) * BLOCK_SAMPLES; n++) sum += samples[n]! * samples[n]!;
    sums[j] = sum;
  }
}

/** Gain of each sub-block from its Σ samples²: √(target / current mean square), 0 for a silent one. */
function blockGains(sums: Float64Array, targets: Float64Array, gains: Float64Array): void {
  for (let j = 0; j < targets.length; j++) {
    const meanSquare = sums[j]! / BLOCK_SAMPLES;
    gains[j] = meanSquare > SILENT_MEAN_SQUARE ? Math.sqrt(targets[j]! / meanSquare) : 0;
  }
}

/**
 * Multiplies `samples` in place by the piecewise-constant gains, ramped over `ramp` samples at each
 * boundary; when `sums` is given, also leaves there each sub-block's Σ samples² after the scaling
 * (summed in sample order, so the same values a separate pass would give), saving that pass.
 */
function applyGains(samples: Float64Array, gains: Float64Array, ramp: number, sums: Float64Array | null): void {
  const half = ramp / 2;
  const rise = riseOf(ramp);
  const last = gains.length - 1;
  for (let j = 0; j <= last; j++) {
    const g = gains[j]!;
    const before = j > 0 ? gains[j - 1]! : g;
    const after = j < last ? gains[j + 1]! : g;
    const base = j * BLOCK_SAMPLES;
    let sum = 0;
    for (let o = 0; o < half; o++) {
      const v = samples[base + o]! * (before + (g - before) * rise[o + half]!);
      samples[base + o] = v;
      sum += v * v;
    }
    for (let o = half; o < BLOCK_SAMPLES - half; o++) {
      const v = samples[base + o]! * g;
      samples[base + o] = v;
      sum += v * v;
    }
    for (let o = BLOCK_SAMPLES - half; o < BLOCK_SAMPLES; o++) {
      const v = samples[base + o]! * (g + (after - g) * rise[o - (BLOCK_SAMPLES - half)]!);
      samples[base + o] = v;
      sum += v * v;
    }
    if (sums) sums[j] = sum;
  }
}

/**
 * Shapes `samples` (whole sub-blocks) to the sub-block log energies `logEnergies` (natural log of
 * mean square + 1e-9, one per 240 samples), `passes` times, with ramps of `ramp` samples (even, ≤ 240).
 */
export function shapeSubBlocks(samples: Float64Array, logEnergies: Float64Array, ramp: number, passes: number): void {
  const targets = Float64Array.from(logEnergies, (e) => Math.max(Math.exp(e) - ENVELOPE_EPSILON, 0));
  const sums = new Float64Array(targets.length);
  const gains = new Float64Array(targets.length);
  if (passes > 0) blockSums(samples, sums);
  for (let p = 0; p < passes; p++) {
    blockGains(sums, targets, gains);
    applyGains(samples, gains, ramp, p + 1 < passes ? sums : null);
  }
}
