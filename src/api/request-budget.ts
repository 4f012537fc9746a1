import { ErrorCode, TokenscopeError } from '../errors.js';

/**
 * The time one request may run, and the signal that tells its work to stop. Every resolver runs
 * through run(): refused once the budget is spent, and abandoned (answered with the budget's error)
 * when it fires meanwhile, while the signal, passed down to detectors and long loops, stops the
 * work itself. A null budget (in-process callers, mutations) never fires.
 */
export class RequestBudget {
  private readonly controller = new AbortController();
  /** Work still running: its promise, and how to answer its caller early when the budget fires. */
  private readonly pending = new Map<Promise<unknown>, (reason: unknown) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `timeoutMs`: milliseconds from now; null for no limit. */
  constructor(readonly timeoutMs: number | null) {
    if (timeoutMs !== null) {
      this.timer = setTimeout(() => this.expire(timeoutMs), timeoutMs);
      this.timer.unref();
    }
  }

  /** Aborts when the budget is spent; pass it to work that can stop early. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the clock: the request is done, or exempt (mutations). */
  stop(): void {
    clearTimeout(this.timer);
  }

  /** Runs one piece of the request's work under the budget. */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    const p = work();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(p, reject);
      p.then(
        (value) => (this.pending.delete(p), resolve(value)),
        (err: unknown) => (this.pending.delete(p), reject(err)),
      );
    });
  }

  /** Resolves once every piece of work started so far has finished, abandoned ones included. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending.keys()]);
  }

  private expire(timeoutMs: number): void {
    const reason = new TokenscopeError(
      ErrorCode.LIMIT_EXCEEDED,
      `request ran past its time budget of ${timeoutMs} ms (requestTimeoutMs: --request-timeout-ms, TOKENSCOPE_REQUEST_TIMEOUT_MS) and its work was cancelled; ask for less: fewer fields, smaller pages or windows`,
      { limit: 'requestTimeoutMs', max: timeoutMs },
    );
    this.controller.abort(reason);
    // The work keeps its entry (settled() waits for it); its caller is answered now.
    for (const answer of this.pending.values()) answer(reason);
  }
}
