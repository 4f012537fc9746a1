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

/** Per-dimension medians of frames × dim embeddings (the mean of the two middle values for an even count). */
export function dimensionMedians(embeddings: Float32Array, dim: number): Float64Array {
  const frames = embeddings.length / dim;
  const out = new Float64Array(dim);
  if (frames === 0) return out;
  const column = new Float64Array(frames);
  for (let d = 0; d < dim; d++) {
    for (let f = 0; f < frames; f++) column[f] = embeddings[f * dim + d]!;
    column.sort();
    const mid = frames >> 1;
    out[d] = frames % 2 === 1 ? column[mid]! : (column[mid - 1]! + column[mid]!) / 2;
  }
  return out;
}

/**
 * Context features of frames × dim `embeddings`: for frame f, the embeddings of frames
 * f − context … f + context (clamped to the file), each minus the file's median when asked.
 */
export function contextFeatures(embeddings: Float32Array, dim: number, options: ContextFeatureOptions): FrameFeatures {
  const frames = embeddings.length / dim;
  const { context } = options;
  const centre = options.subtractMedian === false ? new Float64Array(dim) : dimensionMedians(embeddings, dim);
  const span = 2 * context + 1;
  const width = span * dim;
  const values = new Float32Array(frames * width);
  for (let f = 0; f < frames; f++) {
    for (let k = 0; k < span; k++) {
      const g = Math.min(frames - 1, Math.max(0, f + k - context));
      const from = g * dim;
      const to = f * width + k * dim;
      for (let d = 0; d < dim; d++) values[to + d] = embeddings[from + d]! - centre[d]!;
    }
  }
  return { frames, width, values };
}
