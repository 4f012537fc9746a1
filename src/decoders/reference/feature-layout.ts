/**
 * The layout of one reference-encoder feature vector (tokenscope-ref-v1/v2, see
 * docs/reference-encoder.md): 64 log-mel band powers of the frame's Hann-windowed 1920-point DFT
 * (HTK mel, peak-1 triangles, 0–12 kHz, natural log of power + 1e-6), then 8 log mean squares of
 * its 240-sample (10 ms) sub-blocks (natural log + 1e-9). Restated here rather than imported from
 * scripts/build-model, which builds the model and is not part of the product; a test checks that
 * both agree.
 */
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../domain/contract.js';

/** Mel bands per frame (the first 64 feature values). */
export const MEL_BANDS = 64;
/** 10 ms sub-blocks per frame (the last 8 feature values). */
export const ENVELOPE_BLOCKS = 8;
/** Feature values per frame. */
export const FEATURE_DIM = MEL_BANDS + ENVELOPE_BLOCKS;
/** Samples per sub-block (240 = 10 ms at 24 kHz). */
export const BLOCK_SAMPLES = SAMPLES_PER_FRAME / ENVELOPE_BLOCKS;
/** Added to a mel band's power before the log. */
export const MEL_EPSILON = 1e-6;
/** Added to a sub-block's mean square before the log. */
export const ENVELOPE_EPSILON = 1e-9;
/** Bins of the encoder's 1920-point DFT, 0 Hz to 12 kHz (12.5 Hz apart). */
export const ENCODER_BINS = SAMPLES_PER_FRAME / 2 + 1;

/** HTK mel of a frequency in Hz. */
function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** Hz of an HTK mel value. */
function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/** Band edges in Hz: band b rises from edge b to its centre, edge b + 1, and falls to edge b + 2. */
export function melEdgesHz(): Float64Array {
  const top = hzToMel(SAMPLE_RATE / 2);
  return Float64Array.from({ length: MEL_BANDS + 2 }, (_, i) => melToHz((top * i) / (MEL_BANDS + 1)));
}

/**
 * The encoder's filterbank as a row-major [ENCODER_BINS, MEL_BANDS] matrix of weights (float32,
 * computed as the encoder computes it): band power = Σ_k weight[k, b] · |X_k|².
 */
export function encoderMelWeights(): Float32Array {
  const edges = melEdgesHz();
  const out = new Float32Array(ENCODER_BINS * MEL_BANDS);
  for (let k = 0; k < ENCODER_BINS; k++) {
    const hz = (k * SAMPLE_RATE) / SAMPLES_PER_FRAME;
    for (let b = 0; b < MEL_BANDS; b++) {
      const [left, centre, right] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
      out[k * MEL_BANDS + b] = hz <= left || hz >= right ? 0 : hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
    }
  }
  return out;
}
