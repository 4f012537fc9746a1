import { kaiserBeta, kaiserLength, kaiserSinc } from './kaiser-sinc.js';

/**
 * Why these numbers: 96 dB stopband is 16-bit quantisation level, and the stopband begins exactly at
 * the lower Nyquist frequency, so nothing aliases above −96 dB. The passband is flat to 87 % of that
 * Nyquist (10.4 kHz at 24 kHz): between libsamplerate's SINC_FASTEST (80 %, 97 dB) and SINC_MEDIUM
 * (90 %, 97 dB). Going to 95 % would double the taps for content the 24 kHz codec barely uses.
 */
const STOPBAND_DB = 96;
const PASSBAND_FRACTION = 0.87;
/**
 * Largest phase table (4 MiB). Standard rates need far less (44.1 kHz: 80 phases × 176 taps); an
 * awkward rate such as 44 099 Hz would need 24 000 phases, so it uses the nearest of ≥ 5 900 phases
 * instead: a timing error ≤ 1/11 800 input sample, about −78 dB at 10 kHz.
 */
const MAX_TABLE_COEFFICIENTS = 1 << 20;

/** A polyphase filter bank for resampling by the rational factor up/down. */
export interface ResamplerDesign {
  /** Output samples per `down` input samples (rateOut / gcd). */
  readonly up: number;
  /** Input samples per `up` output samples (rateIn / gcd). */
  readonly down: number;
  /** Taps per output sample (a multiple of 4); the taps for output n start at input floor(n·down/up) − taps/2 + 1. */
  readonly taps: number;
  /** Number of phase rows in `coefficients`: `up`, unless the table would be too large. */
  readonly phases: number;
  /** `phases` rows of `taps` coefficients; row q is the kernel at fractional offset q/phases. */
  readonly coefficients: Float32Array;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Designs the band-limited polyphase resampler from rateIn to rateOut (both integers, Hz). */
export function designResampler(rateIn: number, rateOut: number): ResamplerDesign {
  const g = gcd(rateIn, rateOut);
  const up = rateOut / g;
  const down = rateIn / g;
  const nyquist = 0.5 * Math.min(1, rateOut / rateIn); // in cycles per input sample
  const transition = nyquist * (1 - PASSBAND_FRACTION);
  // Taps a multiple of 4 (half-width even) so the resampler's inner loop can be unrolled by four.
  const halfWidth = 2 * Math.ceil(kaiserLength(STOPBAND_DB, transition) / 4);
  const kernel = { cutoff: nyquist - transition / 2, halfWidth, beta: kaiserBeta(STOPBAND_DB) };
  const taps = 2 * halfWidth;
  const phases = Math.min(up, Math.max(1, Math.floor(MAX_TABLE_COEFFICIENTS / taps)));
  const coefficients = new Float32Array(phases * taps);
  for (let q = 0; q < phases; q++) {
    const row = coefficients.subarray(q * taps, (q + 1) * taps);
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      row[k] = kaiserSinc(kernel, q / phases + halfWidth - 1 - k);
      sum += row[k]!;
    }
    // Every phase gets exactly unity DC gain, so a constant input stays constant (no phase-rate ripple).
    for (let k = 0; k < taps; k++) row[k] = row[k]! / sum;
  }
  return { up, down, taps, phases, coefficients };
}
