/**
 * Subtracts each dimension's median over all frames from frames × `dim` embeddings, in place, and
 * returns them. What a whole file shares (room tone, level, microphone colour) is removed, so what
 * stands out is what differs from the file's own typical frame. The median of an even count is the
 * mean of the two middle values.
 */
export function subtractFileMedian(embeddings: Float64Array, dim: number): Float64Array {
  const frames = embeddings.length / dim;
  if (frames === 0) return embeddings;
  const column = new Float64Array(frames);
  for (let d = 0; d < dim; d++) {
    for (let f = 0; f < frames; f++) column[f] = embeddings[f * dim + d]!;
    column.sort();
    const mid = frames >> 1;
    const median = frames % 2 === 1 ? column[mid]! : (column[mid - 1]! + column[mid]!) / 2;
    for (let f = 0; f < frames; f++) embeddings[f * dim + d]! -= median;
  }
  return embeddings;
}
