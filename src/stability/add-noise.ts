import { invalidArgument } from '../errors.js';
import { mulberry32 } from '../jsutils/mulberry32.js';
import { meanSquare } from './signal-power.js';

/**
 * Seeded Gaussian white noise of unit variance (Marsaglia's polar method over mulberry32: no
 * trigonometry, about twice as fast as Box–Muller here): the same seed, the same noise.
 */
export function whiteNoise(length: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * Math.log(s)) / s);
    out[i] = u * k;
    if (i + 1 < length) out[i + 1] = v * k;
  }
  return out;
}

/**
 * `samples` plus `noise` scaled so that the power ratio of the two over the whole signal is exactly
 * `snrDb` dB. Noise shorter than the signal is repeated; longer noise is cut. A silent signal has no
 * SNR to keep and comes back unchanged; silent noise cannot be scaled and is an INVALID_ARGUMENT.
 */
export function addNoiseAtSnr(samples: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const out = Float32Array.from(samples);
  const signalPower = meanSquare(samples);
  if (signalPower === 0 || samples.length === 0) return out;
  const fitted = fitLength(noise, samples.length);
  const noisePower = meanSquare(fitted);
  if (!(noisePower > 0)) throw invalidArgument('noise: the noise signal (babble) is silent, so it cannot be scaled to an SNR', { noiseSamples: noise.length });
  const scale = Math.sqrt(signalPower / (noisePower * 10 ** (snrDb / 10)));
  for (let i = 0; i < out.length; i++) out[i] = samples[i]! + scale * fitted[i]!;
  return out;
}

function fitLength(noise: Float32Array, length: number): Float32Array {
  if (noise.length === 0) throw invalidArgument('noise: the noise signal (babble) is empty', { noiseSamples: 0 });
  if (noise.length >= length) return noise.subarray(0, length);
  const out = new Float32Array(length);
  for (let at = 0; at < length; at += noise.length) out.set(noise.subarray(0, Math.min(noise.length, length - at)), at);
  return out;
}
