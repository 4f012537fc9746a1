/**
 * Subtracts each dimension's median over all frames from frames × `dim` embeddings, in place, and
 * returns them. What a whole file shares (room tone, level, microphone colour) is removed, so what
 * stands out is what differs from the file's own typical frame. The median of an even count is the
 * mean of the two middle values.
 */
export function subtractFileMedian(embeddings: Float64Array, dim: number): Float64Array {
  const medians = dimensionMedians(embeddings, dim);
  const frames = embeddings.length / dim;
  for (let f = 0; f < frames; f++) for (let d = 0; d < dim; d++) embeddings[f * dim + d]! -= medians[d]!;
  return embeddings;
}

/**
 * Each dimension's median over the frames of frames × `dim` embeddings (the mean of the two middle
 * values for an even count; zeros for no frames), by selection: linear time.
 */
export function dimensionMedians(embeddings: ArrayLike<number>, dim: number): Float64Array {
  const frames = embeddings.length / dim;
  const out = new Float64Array(dim);
  if (frames === 0) return out;
  const column = new Float64Array(frames);
  const mid = frames >> 1;
  for (let d = 0; d < dim; d++) {
    for (let f = 0; f < frames; f++) column[f] = embeddings[f * dim + d]!;
    // A selection instead of a sort: linear time, which keeps an hour of audio fast.
    const upper = select(column, mid);
    let median = upper;
    if (frames % 2 === 0) {
      let lower = -Infinity;
      for (let i = 0; i < mid; i++) if (column[i]! > lower) lower = column[i]!;
      median = (lower + upper) / 2;
    }
    out[d] = median;
  }
  return out;
}

/** Reorders `a` so that a[k] is its k-th smallest value, no larger value before it and no smaller after; returns a[k]. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // Median of three as the pivot, then a Hoare partition.
    const m = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(a[lo]!, a[m]!), Math.min(Math.max(a[lo]!, a[m]!), a[hi]!));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}
