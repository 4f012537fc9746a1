import { ErrorCode, TokenscopeError } from '../errors.js';
import type { ComparisonProgress, ComparisonWatch } from './comparison-progress.js';

/** A comparison job's state: a tagged union, never a set of flags. */
export type ComparisonJobState =
  | { phase: 'queued' }
  | { phase: 'running'; progress: ComparisonProgress | null }
  | { phase: 'succeeded'; progress: ComparisonProgress | null; runId: number }
  | { phase: 'failed'; progress: ComparisonProgress | null; error: Error };

/** One background comparison, as the API reports it. */
export interface ComparisonJob {
  readonly id: string;
  readonly corpus: string;
  readonly name: string | null;
  readonly createdAt: Date;
  state: ComparisonJobState;
}

/**
 * Comparisons of this server process, run one at a time in the order they were started (each
 * reads every matrix of its corpus and keeps the CPU busy; two at once would only halve both).
 * At most `maxActive` may be queued or running; finished ones are kept (the latest `keep`).
 */
export class ComparisonJobs {
  private readonly jobs = new Map<string, ComparisonJob>();
  private next = 1;
  private stopping = false;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxActive: number,
    private readonly keep = 100,
  ) {}

  /**
   * Queues `work` (which returns the stored run's id) and returns its job at once. LIMIT_EXCEEDED
   * when `maxActive` jobs are already queued or running.
   */
  start(meta: { corpus: string; name: string | null }, work: (watch: ComparisonWatch) => Promise<number>): ComparisonJob {
    const active = this.list().filter((j) => j.state.phase === 'queued' || j.state.phase === 'running').length;
    if (active >= this.maxActive) {
      throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `at most ${this.maxActive} comparisons may be queued or running at once; received one more while ${active} are (wait for one to finish: comparisonJob(id))`, { max: this.maxActive, active });
    }
    const job: ComparisonJob = { ...meta, id: String(this.next++), createdAt: new Date(), state: { phase: 'queued' } };
    this.jobs.set(job.id, job);
    this.trim();
    this.tail = this.tail.then(() => this.run(job, work));
    return job;
  }

  private async run(job: ComparisonJob, work: (watch: ComparisonWatch) => Promise<number>): Promise<void> {
    let last: ComparisonProgress | null = null;
    try {
      if (this.stopping) throw new Error(`the server stopped before comparison job ${job.id} began; nothing was stored`);
      job.state = { phase: 'running', progress: null };
      const runId = await work({
        report: (p) => {
          last = p;
          job.state = { phase: 'running', progress: p };
        },
        shouldStop: () => this.stopping,
      });
      job.state = { phase: 'succeeded', progress: last, runId };
    } catch (error) {
      job.state = { phase: 'failed', progress: last, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** The job with this id, if this process still knows it. */
  get(id: string): ComparisonJob | undefined {
    return this.jobs.get(id);
  }

  /** All known jobs, oldest first. */
  list(): ComparisonJob[] {
    return [...this.jobs.values()];
  }

  /** Asks the running job to stop before its next configuration, and the queued ones not to start (used at shutdown). */
  stopAll(): void {
    this.stopping = true;
  }

  /** Resolves when no job is queued or running (jobs started meanwhile included). */
  async idle(): Promise<void> {
    for (let seen = this.tail; ; seen = this.tail) {
      await seen;
      if (seen === this.tail) return;
    }
  }

  private trim(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.keep) break;
      if (job.state.phase === 'succeeded' || job.state.phase === 'failed') this.jobs.delete(id);
    }
  }
}
