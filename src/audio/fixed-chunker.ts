/** Regroups a stream of sample arrays of any lengths into chunks of exactly `size` samples (the last may be shorter). */
export class FixedChunker {
  private pending: Float32Array;
  private filled = 0;

  /** `size`: samples per emitted chunk (≥ 1). */
  constructor(private readonly size: number) {
    this.pending = new Float32Array(size);
  }

  /** Adds samples; returns the chunks they complete (each a fresh array the caller owns). */
  push(samples: Float32Array): Float32Array[] {
    const done: Float32Array[] = [];
    let from = 0;
    while (from < samples.length) {
      const take = Math.min(this.size - this.filled, samples.length - from);
      this.pending.set(samples.subarray(from, from + take), this.filled);
      this.filled += take;
      from += take;
      if (this.filled === this.size) {
        done.push(this.pending);
        this.pending = new Float32Array(this.size);
        this.filled = 0;
      }
    }
    return done;
  }

  /** The final partial chunk, or undefined when nothing is pending. */
  flush(): Float32Array | undefined {
    if (this.filled === 0) return undefined;
    const last = this.pending.slice(0, this.filled);
    this.filled = 0;
    return last;
  }
}
