import { subtractFileMedian } from '../frame-scores/subtract-file-median.js';

/**
 * Frame features for classifiers over dequantized frames: each frame's embedding with those of its
 * neighbours, after subtracting the file's median embedding.
 *
 * Why the median: a room, a microphone or a level change shifts every frame of a file alike (in log
 * spectra a fixed offset). Subtracting the file's per-dimension median removes that shift and keeps what
 * stands out of the file's usual sound, which is what an event is. The median (not the mean) is
 * robust to the events themselves.
 */

/** How frame features are built. */
export interface ContextFeatureOptions {
  /** Neighbours on each side (frames); the feature holds 2·context + 1 embeddings, edges clamped. */
  readonly context: number;
  /** Subtract the file's per-dimension median embedding first (default true). */
  readonly subtractMedian?: boolean;
}

/** Frames × width float32 features, frame-major. */
export interface FrameFeatures {
  readonly frames: number;
  /** (2·context + 1) × dim. */
  readonly width: number;
  readonly values: Float32Array;
}

/**
 * Context features of frames × dim `embeddings`: for frame f, the embeddings of frames
 * f − context … f + context (clamped to the file), each minus the file's median when asked.
 */
export function contextFeatures(embeddings: Float32Array, dim: number, options: ContextFeatureOptions): FrameFeatures {
  const frames = embeddings.length / dim;
  const { context } = options;
  // The subtraction in float64, rounded once to float32.
  const centred = options.subtractMedian === false ? embeddings : Float32Array.from(subtractFileMedian(Float64Array.from(embeddings), dim));
  const span = 2 * context + 1;
  const width = span * dim;
  const values = new Float32Array(frames * width);
  for (let f = 0; f < frames; f++) {
    if (f >= context && f + context < frames) {
      // Frame-major storage: the 2·context + 1 frames around f are one contiguous run.
      values.set(centred.subarray((f - context) * dim, (f + context + 1) * dim), f * width);
      continue;
    }
    for (let k = 0; k < span; k++) {
      const g = Math.min(frames - 1, Math.max(0, f + k - context));
      values.set(centred.subarray(g * dim, (g + 1) * dim), f * width + k * dim);
    }
  }
  return { frames, width, values };
}
