import { loadavg } from 'node:os';

/** One timed run of a throughput measurement. */
export interface ThroughputRun {
  /** Wall-clock seconds. */
  wallSeconds: number;
  /** CPU seconds of this process over the run, all threads (onnxruntime's and DuckDB's included). */
  cpuSeconds: number;
  /** 1-minute load average at the end of the run. */
  loadAverage: number;
}

/** Repeated runs over the same audio. */
export interface Throughput {
  /** Seconds of audio each run processes. */
  audioSeconds: number;
  runs: ThroughputRun[];
}

/** Runs `work` once, timed in wall-clock and CPU seconds. */
export async function timeRun(work: () => Promise<unknown>): Promise<ThroughputRun> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  const wallSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  return { wallSeconds, cpuSeconds: (used.user + used.system) / 1e6, loadAverage: loadavg()[0]! };
}

/** `work` run `runs` times, one after the other, each timed in wall-clock and CPU seconds. */
export async function measureThroughput(audioSeconds: number, runs: number, work: () => Promise<unknown>): Promise<Throughput> {
  const out: ThroughputRun[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeRun(work));
  return { audioSeconds, runs: out };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The summary reported: × real time at the median and the best run, and CPU seconds per audio hour. */
export interface ThroughputSummary {
  medianFactor: number;
  bestFactor: number;
  /** Median CPU seconds spent per second of audio (below 1/500 is needed for 500× on one core). */
  cpuPerAudioSecond: number;
  /** Median wall seconds of a run. */
  medianWallSeconds: number;
  loadMin: number;
  loadMax: number;
}

/** Summarises the runs: median and best (fastest) × real time, load range. */
export function summariseThroughput(t: Throughput): ThroughputSummary {
  const walls = t.runs.map((r) => r.wallSeconds);
  const loads = t.runs.map((r) => r.loadAverage);
  const medianWallSeconds = median(walls);
  return {
    medianFactor: t.audioSeconds / medianWallSeconds,
    bestFactor: t.audioSeconds / Math.min(...walls),
    cpuPerAudioSecond: median(t.runs.map((r) => r.cpuSeconds)) / t.audioSeconds,
    medianWallSeconds,
    loadMin: Math.min(...loads),
    loadMax: Math.max(...loads),
  };
}
