/** The code-matrix contract shared by every part of tokenscope (see DESIGN.md, "Contracts"). */

/** Residual codebook layers per frame; numbered 1..16 outside of array indexing. */
export const LAYER_COUNT = 16;
/** Entries per codebook: tokens are integers 0..CODEBOOK_SIZE-1. */
export const CODEBOOK_SIZE = 2048;
/** Audio sample rate the encoders take, in Hz. */
export const SAMPLE_RATE = 24_000;
/** Samples per frame (hop) at SAMPLE_RATE. */
export const SAMPLES_PER_FRAME = 1920;
/** Frames per second: 24000 / 1920 = 12.5 (the guide's 12.0 is an approximation we do not use). */
export const FRAME_RATE = SAMPLE_RATE / SAMPLES_PER_FRAME;
/** Duration of one frame in seconds (0.08 s). */
export const FRAME_SECONDS = SAMPLES_PER_FRAME / SAMPLE_RATE;

/** All layer numbers 1..16, in order. */
export const ALL_LAYERS: readonly number[] = Array.from({ length: LAYER_COUNT }, (_, i) => i + 1);

/** Array index of a 1-based layer number: the one place where layer numbers become indices. */
export function layerIndex(layer: number): number {
  return layer - 1;
}

/** Start time of a frame in seconds: frame i covers [i·0.08 s, (i+1)·0.08 s). */
export function frameToSeconds(frame: number): number {
  return frame * FRAME_SECONDS;
}

/** Number of frames an input of `samples` samples (at 24 kHz) yields: ceil(samples / 1920). */
export function framesForSamples(samples: number): number {
  return Math.ceil(samples / SAMPLES_PER_FRAME);
}

/** True when `layer` is an integer layer number 1..16. */
export function isLayerNumber(layer: number): boolean {
  return Number.isInteger(layer) && layer >= 1 && layer <= LAYER_COUNT;
}
