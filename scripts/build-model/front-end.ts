/**
 * The reference encoder's front end, one frame at a time: every 1920-sample frame becomes one
 * feature vector computed from that frame's samples only (no overlap, no state), so encoding is
 * exact under any chunking into whole frames. Features: 64 log-mel bands (Hann window, 1920-point
 * DFT, 12.5 Hz bins, 0–12 kHz) followed by 8 log sub-block energies (240 samples = 10 ms each) that keep the
 * within-frame envelope a single 80 ms spectrum blurs (clicks, knocks, onsets).
 */
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../src/domain/contract.js';
import { melFilterbank } from './mel-filterbank.js';
import type { NamedGraph } from './graph-names.js';

/** The 1920-point DFT is factored as 40 × 48 (Cooley–Tukey, two small MatMuls and a twiddle). */
const DFT_ROWS = 40;
const DFT_COLS = 48;
/** Output columns k2 = 0..24 are enough for bins k = k1 + 40·k2 up to 960 (onesided spectrum). */
const DFT_COLS_HALF = 25;
/** Mel bands, 0 Hz to Nyquist (12 kHz). */
export const MEL_BANDS = 64;
/** Sub-blocks per frame for the energy envelope (1920 / 8 = 240 samples, 10 ms). */
export const ENVELOPE_BLOCKS = 8;
/** Feature vector length per frame. */
export const FEATURE_DIM = MEL_BANDS + ENVELOPE_BLOCKS;
/** Added to mel band power before the log: about the band power of 16-bit quantisation noise. */
export const MEL_EPSILON = 1e-6;
/** Added to a sub-block's mean square before the log (−90 dBFS). */
export const ENVELOPE_EPSILON = 1e-9;

/** Per-dimension standardisation learned at training: feature ← (feature − mean) · invStd. */
export interface FeatureNormalisation {
  readonly mean: Float32Array;
  readonly invStd: Float32Array;
}

/** Periodic Hann window of `length` samples. */
export function hannWindow(length: number): Float32Array {
  return Float32Array.from({ length }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length));
}

/**
 * Adds the front end to `g`: `audio` float32 [1, T] → features float32 [N, FEATURE_DIM] with
 * N = ceil(T / 1920) (the tail is zero-padded inside the graph). With `norm`, features are standardised.
 */
export function addFrontEnd(g: NamedGraph, audio: string, norm?: FeatureNormalisation): string {
  const hop = SAMPLES_PER_FRAME;
  // pad = (hop − T mod hop) mod hop, then Pad's [begin0, begin1, end0, end1] = [0, 0, 0, pad].
  const length = g.op('Shape', [audio], { start: 1 }, 'length');
  const hopC = g.i64([hop], [1], 'hop');
  const pad = g.op('Mod', [g.op('Sub', [hopC, g.op('Mod', [length, hopC])]), hopC], {}, 'pad');
  const pads = g.op('Concat', [g.i64([0, 0, 0], [3], 'pads_head'), pad], { axis: 0 }, 'pads');
  const padded = g.op('Pad', [audio, pads], {}, 'padded');
  const frames = g.op('Reshape', [padded, g.i64([-1, hop], [2], 'frame_shape')], {}, 'frames');

  const windowed = g.op('Mul', [frames, g.f32(hannWindow(hop), [hop], 'hann')], {}, 'windowed');
  const power = addPowerSpectrum(g, windowed);
  const bank = melFilterbank(SAMPLE_RATE, hop, MEL_BANDS, 0, SAMPLE_RATE / 2);
  const mel = g.op('MatMul', [power, g.f32(permuteBins(bank), [DFT_ROWS * DFT_COLS_HALF, MEL_BANDS], 'mel_bank')], {}, 'mel');
  const logMel = g.op('Log', [g.op('Add', [mel, g.f32([MEL_EPSILON], [], 'mel_eps')])], {}, 'log_mel');

  const blockLength = hop / ENVELOPE_BLOCKS;
  const blocks = g.op('Reshape', [frames, g.i64([-1, ENVELOPE_BLOCKS, blockLength], [3], 'block_shape')], {}, 'blocks');
  const blockEnergy = g.op('ReduceSumSquare', [blocks], { axes: [2], keepdims: 0 }, 'block_energy');
  const meanSquare = g.op('Mul', [blockEnergy, g.f32([1 / blockLength], [], 'inv_block')], {}, 'mean_square');
  const logEnvelope = g.op('Log', [g.op('Add', [meanSquare, g.f32([ENVELOPE_EPSILON], [], 'env_eps')])], {}, 'log_envelope');

  const features = g.op('Concat', [logMel, logEnvelope], { axis: 1 }, 'features');
  if (norm === undefined) return features;
  const centred = g.op('Sub', [features, g.f32(norm.mean, [FEATURE_DIM], 'feature_mean')], {}, 'centred');
  return g.op('Mul', [centred, g.f32(norm.invStd, [FEATURE_DIM], 'feature_inv_std')], {}, 'standardised');
}

/**
 * |DFT|² of each windowed frame, bins k = k1 + 40·k2 laid out as column k1·25 + k2 of [N, 1000].
 * A 1920-point DFT as two MatMuls (sizes 40 and 48) and a twiddle product: about 10× fewer
 * multiplies than one dense real-DFT MatMul, and several times faster than onnxruntime's DFT
 * kernel for a non-power-of-two length. Sample n = 48·n1 + n2, bin k = k1 + 40·k2.
 */
function addPowerSpectrum(g: NamedGraph, windowed: string): string {
  const hop = DFT_ROWS * DFT_COLS;
  // Stage 1, rows 2·k1 (real part) and 2·k1 + 1 (imaginary part): Σ_n1 x·exp(−2πi·n1·k1/40).
  const stage1Weights = new Float32Array(2 * DFT_ROWS * DFT_ROWS);
  for (let k1 = 0; k1 < DFT_ROWS; k1++) {
    for (let n1 = 0; n1 < DFT_ROWS; n1++) {
      const angle = (2 * Math.PI * ((n1 * k1) % DFT_ROWS)) / DFT_ROWS;
      stage1Weights[2 * k1 * DFT_ROWS + n1] = Math.cos(angle);
      stage1Weights[(2 * k1 + 1) * DFT_ROWS + n1] = -Math.sin(angle);
    }
  }
  // Stage 2, one [96, 50] matrix per k1 with the twiddle exp(−2πi·n2·k1/1920) folded in: input
  // columns are (re, n2) then (im, n2); output columns re(k2) for k2 = 0..24, then im(k2).
  const width = 2 * DFT_COLS_HALF;
  const stage2Weights = new Float32Array(DFT_ROWS * 2 * DFT_COLS * width);
  for (let k1 = 0; k1 < DFT_ROWS; k1++) {
    const base = k1 * 2 * DFT_COLS * width;
    for (let n2 = 0; n2 < DFT_COLS; n2++) {
      for (let k2 = 0; k2 < DFT_COLS_HALF; k2++) {
        const angle = (2 * Math.PI * ((n2 * (k1 + DFT_ROWS * k2)) % hop)) / hop;
        const c = Math.cos(angle);
        const sn = Math.sin(angle);
        // (a + ib)(c − is) = (ac + bs) + i(bc − as)
        stage2Weights[base + n2 * width + k2] = c;
        stage2Weights[base + n2 * width + DFT_COLS_HALF + k2] = -sn;
        stage2Weights[base + (DFT_COLS + n2) * width + k2] = sn;
        stage2Weights[base + (DFT_COLS + n2) * width + DFT_COLS_HALF + k2] = c;
      }
    }
  }
  // Layout [n1, N, n2] so stage 1 is one GEMM over all frames rather than N small ones.
  const grid = g.op('Reshape', [windowed, g.i64([-1, DFT_ROWS, DFT_COLS], [3], 'dft_grid_shape')], {}, 'dft_grid');
  const rowsFirst = g.op('Transpose', [grid], { perm: [1, 0, 2] }, 'rows_first');
  const flat = g.op('Reshape', [rowsFirst, g.i64([DFT_ROWS, -1], [2], 'rows_flat_shape')], {}, 'rows_flat');
  const stage1Flat = g.op('MatMul', [g.f32(stage1Weights, [2 * DFT_ROWS, DFT_ROWS], 'dft40'), flat], {}, 'dft_stage1_flat');
  const stage1 = g.op('Reshape', [stage1Flat, g.i64([DFT_ROWS, 2, -1, DFT_COLS], [4], 'stage1_shape')], {}, 'dft_stage1');
  const paired = g.op('Transpose', [stage1], { perm: [0, 2, 1, 3] }, 'stage1_paired');
  const joined = g.op('Reshape', [paired, g.i64([DFT_ROWS, -1, 2 * DFT_COLS], [3], 'joined_shape')], {}, 'stage1_joined');
  const stage2 = g.op('MatMul', [joined, g.f32(stage2Weights, [DFT_ROWS, 2 * DFT_COLS, width], 'dft48')], {}, 'dft_stage2');
  const squares = g.op('Mul', [stage2, stage2], {}, 'squares');
  const parts = g.op('Reshape', [squares, g.i64([DFT_ROWS, -1, 2, DFT_COLS_HALF], [4], 'parts_shape')], {}, 'parts');
  const powerGrid = g.op('ReduceSum', [parts, g.i64([2], [1], 'axis_reim')], { keepdims: 0 }, 'power_grid');
  const framesFirst = g.op('Transpose', [powerGrid], { perm: [1, 0, 2] }, 'frames_first');
  return g.op('Reshape', [framesFirst, g.i64([-1, DFT_ROWS * DFT_COLS_HALF], [2], 'power_shape')], {}, 'power');
}

/** Mel weights of natural bin order [961, bands] moved to the DFT's column order k1·25 + k2. */
function permuteBins(bank: Float32Array): Float32Array {
  const bins = (DFT_ROWS * DFT_COLS) / 2 + 1;
  const out = new Float32Array(DFT_ROWS * DFT_COLS_HALF * MEL_BANDS);
  for (let k1 = 0; k1 < DFT_ROWS; k1++) {
    for (let k2 = 0; k2 < DFT_COLS_HALF; k2++) {
      const k = k1 + DFT_ROWS * k2;
      if (k >= bins) continue; // mirror images of bins below Nyquist
      out.set(bank.subarray(k * MEL_BANDS, (k + 1) * MEL_BANDS), (k1 * DFT_COLS_HALF + k2) * MEL_BANDS);
    }
  }
  return out;
}
