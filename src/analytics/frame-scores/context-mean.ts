/**
 * Each frame's context vector: the mean of the frames × `dim` embeddings of frames f − context ..
 * f + context, cut at the ends of the audio (fewer frames there). `context` 0 returns a copy.
 * A running sum makes it O(frames × dim) whatever the context.
 */
export function contextMean(embeddings: Float64Array, dim: number, context: number): Float64Array {
  const frames = embeddings.length / dim;
  const out = new Float64Array(embeddings.length);
  const sum = new Float64Array(dim);
  let lo = 0;
  let hi = 0; // the sum holds frames [lo, hi)
  for (let f = 0; f < frames; f++) {
    const wantHi = Math.min(frames, f + context + 1);
    for (; hi < wantHi; hi++) for (let d = 0; d < dim; d++) sum[d]! += embeddings[hi * dim + d]!;
    const wantLo = Math.max(0, f - context);
    for (; lo < wantLo; lo++) for (let d = 0; d < dim; d++) sum[d]! -= embeddings[lo * dim + d]!;
    const n = hi - lo;
    for (let d = 0; d < dim; d++) out[f * dim + d] = sum[d]! / n;
  }
  return out;
}
