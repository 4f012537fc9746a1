import { ErrorCode, TokenscopeError } from '../errors.js';

/** Gives back a place in a lane. */
export type Release = () => void;

/**
 * A counting semaphore: at most `capacity` operations run at once, at most `maxQueued` wait (in
 * arrival order); more are refused at once rather than piling up.
 */
export class Lane {
  private running = 0;
  private readonly waiting: { start: () => void }[] = [];

  constructor(
    readonly name: string,
    readonly capacity: number,
    readonly maxQueued: number,
  ) {}

  /** Operations running now. */
  get active(): number {
    return this.running;
  }

  /**
   * Waits for a place; resolves with its release (call it exactly once). Rejects with LIMIT_EXCEEDED
   * when maxQueued operations already wait, and with `signal`'s reason when it aborts first.
   */
  enter(signal: AbortSignal): Promise<Release> {
    signal.throwIfAborted();
    if (this.running < this.capacity) return Promise.resolve(this.take());
    if (this.waiting.length >= this.maxQueued) {
      return Promise.reject(
        new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `${this.waiting.length} ${this.name} operations are already waiting, the maximum (maxQueued); retry later`, { limit: 'maxQueued', lane: this.name, max: this.maxQueued }),
      );
    }
    return new Promise<Release>((resolve, reject) => {
      const entry = {
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.take());
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private take(): Release {
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.start();
    };
  }
}

/** The two lanes: heavy operations (by estimated cost) cannot take the places of cheap ones. */
export interface Lanes {
  heavy: Lane;
  cheap: Lane;
}

/** Lanes of the given capacities. */
export function createLanes(o: { heavyConcurrency: number; cheapConcurrency: number; maxQueued: number }): Lanes {
  return { heavy: new Lane('heavy', o.heavyConcurrency, o.maxQueued), cheap: new Lane('cheap', o.cheapConcurrency, o.maxQueued) };
}
