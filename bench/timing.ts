import { percentile } from '../src/analytics/percentile.js';

/** Latency summary of repeated runs, in milliseconds. */
export interface Timing {
  runs: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Summarises latencies (milliseconds) with numpy-style linear percentiles. */
export function summarise(latenciesMs: ArrayLike<number>): Timing {
  return {
    runs: latenciesMs.length,
    p50: percentile(latenciesMs, 50),
    p90: percentile(latenciesMs, 90),
    p95: percentile(latenciesMs, 95),
    p99: percentile(latenciesMs, 99),
    max: percentile(latenciesMs, 100),
  };
}

/** How often to repeat a measurement. */
export interface Repetitions {
  /** Untimed runs first (caches, JIT, DuckDB's buffer pool). */
  warmup: number;
  /** Timed runs. */
  runs: number;
}

/** Runs `work` `warmup` times untimed, then `runs` times one after the other, timing each run. */
export async function measure(work: () => Promise<unknown>, { warmup, runs }: Repetitions): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work();
  const latencies = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    latencies[i] = performance.now() - t;
  }
  return summarise(latencies);
}
