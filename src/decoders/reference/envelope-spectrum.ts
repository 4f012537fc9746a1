/**
 * From a frame's 64 log-mel band powers to a non-negative power spectrum on the bins of the
 * decoder's STFT. The spectrum is modelled as piecewise linear in frequency between the 64 band
 * centres (flat below the first and above the last); its node values are fitted so that the
 * encoder's own filterbank, applied to it, gives back the decoded band powers: a fixed number of
 * Richardson–Lucy (multiplicative) updates, which keep every value non-negative, starting from each
 * band's power divided by its filter's width.
 */
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { ENCODER_BINS, MEL_BANDS, MEL_EPSILON, encoderMelWeights, melEdgesHz } from './feature-layout.js';

/** Sum of the squared 1920-point periodic Hann window (1920 · 3/8): a white-noise bin's power per unit variance. */
const ENCODER_WINDOW_ENERGY = (SAMPLES_PER_FRAME * 3) / 8;

/** Where one frequency falls between band centres: node `lo` with weight 1 − `upper`, node lo + 1 with `upper`. */
interface NodeBlend {
  readonly lo: Int32Array;
  readonly upper: Float64Array;
}

/**
 * The STFT's bins as runs that share the nodes they fall between: bins [start[i], start[i + 1]) lie
 * between node lo[i] and lo[i] + 1, at upper = u0[i] + (k − start[i]) · du[i] (du 0 below the first
 * centre and above the last, where every bin takes one node's value).
 */
interface NodeRuns {
  readonly start: Int32Array;
  readonly lo: Int32Array;
  readonly u0: Float64Array;
  readonly du: Float64Array;
}

/** Precomputed tables for one STFT size; build once per decoder configuration. */
export interface EnvelopeSpectrumModel {
  /** Bins of the STFT (fftSize / 2 + 1). */
  readonly bins: number;
  /** Row-major [MEL_BANDS, MEL_BANDS]: band b's power when node c is 1 and the others 0. */
  readonly response: Float64Array;
  /** Column sums of `response` (the Richardson–Lucy normaliser). */
  readonly responseSums: Float64Array;
  /** Row sums of `response`: each band's filter width in encoder bins (the starting point). */
  readonly bandWidths: Float64Array;
  /** Where each STFT bin falls between nodes. */
  readonly stftBlend: NodeBlend;
  /** The same, as runs of bins between the same two nodes (for the geometric interpolation). */
  readonly stftRuns: NodeRuns;
  /** Σ w² of the STFT's analysis window over that of the encoder's 1920-point window. */
  readonly windowScale: number;
  /** Richardson–Lucy updates per frame. */
  readonly iterations: number;
}

function blendFor(hz: number, centres: Float64Array): [number, number] {
  const last = centres.length - 1;
  if (hz <= centres[0]!) return [0, 0];
  if (hz >= centres[last]!) return [last - 1, 1];
  let lo = 0;
  while (centres[lo + 1]! < hz) lo++;
  return [lo, (hz - centres[lo]!) / (centres[lo + 1]! - centres[lo]!)];
}

function blendTable(bins: number, binHz: number, centres: Float64Array): NodeBlend {
  const lo = new Int32Array(bins);
  const upper = new Float64Array(bins);
  for (let k = 0; k < bins; k++) [lo[k], upper[k]] = blendFor(k * binHz, centres);
  return { lo, upper };
}

function runsOf(blend: NodeBlend, binHz: number, centres: Float64Array): NodeRuns {
  const last = centres.length - 1;
  const start: number[] = [];
  const lo: number[] = [];
  const u0: number[] = [];
  const du: number[] = [];
  let previous = Number.NaN;
  for (let k = 0; k < blend.lo.length; k++) {
    const hz = k * binHz;
    // The run a bin is in: below the first centre, between centres lo and lo + 1, or above the last (as blendFor places it).
    const key = hz <= centres[0]! ? -1 : hz >= centres[last]! ? MEL_BANDS : blend.lo[k]!;
    if (key === previous) continue;
    previous = key;
    start.push(k);
    lo.push(blend.lo[k]!);
    u0.push(blend.upper[k]!);
    du.push(key === -1 || key === MEL_BANDS ? 0 : binHz / (centres[key + 1]! - centres[key]!));
  }
  start.push(blend.lo.length);
  return { start: Int32Array.from(start), lo: Int32Array.from(lo), u0: Float64Array.from(u0), du: Float64Array.from(du) };
}

/** Tables for an STFT of `fftSize` bins' resolution whose periodic Hann window is `windowLength` samples. */
export function envelopeSpectrumModel(fftSize: number, windowLength: number, iterations: number): EnvelopeSpectrumModel {
  const centres = melEdgesHz().subarray(1, MEL_BANDS + 1);
  const weights = encoderMelWeights();
  const encoderBlend = blendTable(ENCODER_BINS, SAMPLE_RATE / SAMPLES_PER_FRAME, centres);
  const response = new Float64Array(MEL_BANDS * MEL_BANDS);
  for (let k = 0; k < ENCODER_BINS; k++) {
    const lo = encoderBlend.lo[k]!;
    const up = encoderBlend.upper[k]!;
    for (let b = 0; b < MEL_BANDS; b++) {
      const w = weights[k * MEL_BANDS + b]!;
      if (w === 0) continue;
      response[b * MEL_BANDS + lo] += w * (1 - up);
      response[b * MEL_BANDS + lo + 1] += w * up;
    }
  }
  const responseSums = new Float64Array(MEL_BANDS);
  const bandWidths = new Float64Array(MEL_BANDS);
  for (let b = 0; b < MEL_BANDS; b++) {
    for (let c = 0; c < MEL_BANDS; c++) {
      responseSums[c] += response[b * MEL_BANDS + c]!;
      bandWidths[b] += response[b * MEL_BANDS + c]!;
    }
  }
  const bins = fftSize / 2 + 1;
  const stftBlend = blendTable(bins, SAMPLE_RATE / fftSize, centres);
  return {
    bins,
    response,
    responseSums,
    bandWidths,
    stftBlend,
    stftRuns: runsOf(stftBlend, SAMPLE_RATE / fftSize, centres),
    windowScale: (windowLength * 3) / 8 / ENCODER_WINDOW_ENERGY,
    iterations,
  };
}

/** Scratch rows of envelopeMagnitudes (one thread runs one call at a time). */
const TARGET = new Float64Array(MEL_BANDS);
const NODES = new Float64Array(MEL_BANDS);
const FITTED = new Float64Array(MEL_BANDS);

/** Band powers of node values `v` through the encoder's filterbank, into `out`. */
function bandPowers(model: EnvelopeSpectrumModel, v: Float64Array, out: Float64Array): void {
  const r = model.response;
  for (let b = 0; b < MEL_BANDS; b++) {
    let s = 0;
    const row = b * MEL_BANDS;
    for (let c = Math.max(0, b - 2); c < Math.min(MEL_BANDS, b + 3); c++) s += r[row + c]! * v[c]!;
    out[b] = s;
  }
}

/**
 * Magnitudes (square roots of the expected bin powers) on the STFT's bins for one frame whose
 * log-mel values are `logMel[0..63]` (natural log of power + 1e-6), into `out` (model.bins values).
 */
export function envelopeMagnitudes(model: EnvelopeSpectrumModel, logMel: ArrayLike<number>, out: Float32Array | Float64Array): void {
  // Every entry is written before it is read, so the scratch rows need no clearing between frames.
  const target = TARGET;
  const v = NODES;
  const fitted = FITTED;
  for (let b = 0; b < MEL_BANDS; b++) {
    target[b] = Math.max(Math.exp(logMel[b]!) - MEL_EPSILON, 0);
    v[b] = model.bandWidths[b]! > 0 ? target[b]! / model.bandWidths[b]! : 0;
  }
  const r = model.response;
  for (let it = 0; it < model.iterations; it++) {
    bandPowers(model, v, fitted);
    for (let b = 0; b < MEL_BANDS; b++) fitted[b] = fitted[b]! > 0 ? target[b]! / fitted[b]! : 0;
    for (let c = 0; c < MEL_BANDS; c++) {
      let s = 0;
      for (let b = Math.max(0, c - 2); b < Math.min(MEL_BANDS, c + 3); b++) s += r[b * MEL_BANDS + c]! * fitted[b]!;
      v[c] = model.responseSums[c]! > 0 ? (v[c]! * s) / model.responseSums[c]! : 0;
    }
  }
  const { lo, upper } = model.stftBlend;
  for (let k = 0; k < model.bins; k++) {
    const l = lo[k]!;
    const u = upper[k]!;
    out[k] = Math.sqrt(Math.max(0, (v[l]! * (1 - u) + v[l + 1]! * u) * model.windowScale));
  }
}

/** Natural logs of the node values of `nodesToBinsGeometric` (one thread runs one call at a time). */
const LOG_NODES = new Float64Array(MEL_BANDS);

/** Logs are clamped to ±LOG_LIMIT (e^±69 ≈ 10^±30), so that a zero or huge node cannot make a NaN. */
const LOG_LIMIT = 69;

/**
 * Values at the 64 band centres (`nodes`, positive) interpolated geometrically onto the STFT's bins
 * (linearly in their logs), into `out`. Between two centres the values form a geometric sequence,
 * so each run of bins costs two exponentials and a product per bin instead of one exponential per
 * bin. Where one node is far below its neighbour (a spectrum that falls off a cliff, as at the
 * 8 kHz edge of audio resampled from 16 kHz), the geometric blend lets the lower node pull the bins
 * near it down, where the linear one leaves them near the higher node's value.
 */
export function nodesToBinsGeometric(model: EnvelopeSpectrumModel, nodes: Float64Array, out: Float32Array | Float64Array): void {
  for (let b = 0; b < MEL_BANDS; b++) {
    const v = nodes[b]!;
    const l = v > 0 ? Math.log(v) : -LOG_LIMIT;
    LOG_NODES[b] = l > LOG_LIMIT ? LOG_LIMIT : l < -LOG_LIMIT ? -LOG_LIMIT : l;
  }
  const { start, lo, u0, du } = model.stftRuns;
  for (let r = 0; r < lo.length; r++) {
    const l = lo[r]!;
    const a = LOG_NODES[l]!;
    const d = LOG_NODES[l + 1]! - a;
    let value = Math.exp(a + u0[r]! * d);
    const step = Math.exp(du[r]! * d);
    for (let k = start[r]!; k < start[r + 1]!; k++) {
      out[k] = value;
      value *= step;
    }
  }
}

/** Values at the 64 band centres (`nodes`) interpolated linearly onto the STFT's bins, into `out`. */
export function nodesToBins(model: EnvelopeSpectrumModel, nodes: Float64Array, out: Float32Array | Float64Array): void {
  const { lo, upper } = model.stftBlend;
  for (let k = 0; k < model.bins; k++) out[k] = nodes[lo[k]!]! * (1 - upper[k]!) + nodes[lo[k]! + 1]! * upper[k]!;
}
