import { ErrorCode, TokenscopeError } from '../errors.js';

/**
 * The time one request may run, and the signal that tells its work to stop. Every resolver runs
 * through run(): refused once the budget is spent, and abandoned (answered with the budget's error)
 * when it fires meanwhile, while the signal, passed down to detectors and long loops, stops the
 * work itself. A null budget (in-process callers, mutations) never fires.
 */
export class RequestBudget {
  private readonly controller = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `timeoutMs`: milliseconds from now; null for no limit. */
  constructor(readonly timeoutMs: number | null) {
    const signal = this.controller.signal;
    this.expired = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    this.expired.catch(() => undefined);
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
    this.pending.add(p);
    const forget = () => this.pending.delete(p);
    p.then(forget, forget);
    return Promise.race([p, this.expired]);
  }

  /** Resolves once every piece of work started so far has finished, abandoned ones included. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private expire(timeoutMs: number): void {
    this.controller.abort(
      new TokenscopeError(
        ErrorCode.LIMIT_EXCEEDED,
        `request ran past its time budget of ${timeoutMs} ms (requestTimeoutMs: --request-timeout-ms, TOKENSCOPE_REQUEST_TIMEOUT_MS) and its work was cancelled; ask for less: fewer fields, smaller pages or windows`,
        { limit: 'requestTimeoutMs', max: timeoutMs },
      ),
    );
  }
}
