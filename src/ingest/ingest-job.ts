import type { IngestFileResult } from './ingest-codes.js';

/** Progress counters of a running ingest. */
export interface IngestProgress {
  filesTotal: number;
  filesDone: number;
  /** Seconds of audio encoded so far (decoded duration). */
  audioSecondsDone: number;
  /** Seconds of audio in all files, as far as their headers tell (0 for files whose headers do not). */
  audioSecondsTotal: number;
  /** Files being worked on right now. */
  currentFiles: string[];
}

/** A job's state: a tagged union, never a set of flags. */
export type IngestJobState =
  | { phase: 'queued' }
  | { phase: 'running'; progress: IngestProgress }
  | { phase: 'succeeded'; progress: IngestProgress; results: IngestFileResult[] }
  | { phase: 'failed'; progress: IngestProgress; results: IngestFileResult[]; error: Error };

/** One background ingest, as the API reports it. */
export interface IngestJob {
  id: string;
  corpus: string;
  model: string;
  /** Execution provider the encoder runs on, and why. */
  device: string;
  paths: string[];
  createdAt: Date;
  state: IngestJobState;
}

/** Jobs of this server process, newest last; finished ones are kept (up to `keep`). */
export class IngestJobs {
  private readonly jobs = new Map<string, IngestJob>();
  /** Jobs asked to stop one by one (stop(id)), e.g. by the CLI that started them on Ctrl-C. */
  private readonly stopped = new Set<string>();
  private next = 1;
  private stopping = false;

  /** True once stopAll() was called: running jobs finish their current files and start no more. */
  get shouldStop(): boolean {
    return this.stopping;
  }

  /** Asks every running job to stop after its current files (used at shutdown). */
  stopAll(): void {
    this.stopping = true;
  }

  constructor(private readonly keep = 100) {}

  /**
   * Asks one job to stop after the files in hand, as stopAll() does for all. Returns the job, or
   * undefined when this process does not know it; a finished job stays as it was.
   */
  stop(id: string): IngestJob | undefined {
    const job = this.jobs.get(id);
    if (job && (job.state.phase === 'queued' || job.state.phase === 'running')) this.stopped.add(id);
    return job;
  }

  /**
   * Registers a job and runs `work` in the background, recording its progress and outcome. `work`
   * polls `shouldStop` between files: true once stopAll() or stop(this job) was called.
   */
  start(meta: Omit<IngestJob, 'id' | 'createdAt' | 'state'>, work: (report: (p: IngestProgress) => void, shouldStop: () => boolean) => Promise<IngestFileResult[]>): IngestJob {
    const job: IngestJob = { ...meta, id: String(this.next++), createdAt: new Date(), state: { phase: 'queued' } };
    const shouldStop = () => this.stopping || this.stopped.has(job.id);
    this.jobs.set(job.id, job);
    this.trim();
    let last: IngestProgress = { filesTotal: 0, filesDone: 0, audioSecondsDone: 0, audioSecondsTotal: 0, currentFiles: [] };
    const report = (p: IngestProgress) => {
      last = p;
      job.state = { phase: 'running', progress: p };
    };
    void Promise.resolve()
      .then(() => work(report, shouldStop))
      .then(
        (results) => (job.state = { phase: 'succeeded', progress: last, results }),
        (error: unknown) => (job.state = { phase: 'failed', progress: last, results: [], error: error instanceof Error ? error : new Error(String(error)) }),
      )
      .finally(() => this.stopped.delete(job.id));
    return job;
  }

  /** The job with this id, if this process still knows it. */
  get(id: string): IngestJob | undefined {
    return this.jobs.get(id);
  }

  /** All known jobs, oldest first. */
  list(): IngestJob[] {
    return [...this.jobs.values()];
  }

  /** Resolves when no job is queued or running (for a clean shutdown and for tests). */
  async idle(pollMs = 20): Promise<void> {
    while (this.list().some((j) => j.state.phase === 'queued' || j.state.phase === 'running')) await new Promise((r) => setTimeout(r, pollMs));
  }

  private trim(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.keep) break;
      if (job.state.phase === 'succeeded' || job.state.phase === 'failed') this.jobs.delete(id);
    }
  }
}
