import { setImmediate as nextTurn } from 'node:timers/promises';

/** Default work between two turns of the event loop, in milliseconds. */
export const DEFAULT_SLICE_MS = 4;

/**
 * Cuts long synchronous work (Appender loops) into slices: `due()` is true once `sliceMs` have
 * passed since the last turn, and `turn()` lets the event loop serve what waits (requests) before
 * the work goes on. Check `due()` every few hundred rows: reading the clock per row costs more.
 */
export class YieldBudget {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = DEFAULT_SLICE_MS) {}

  /** True when the current slice has used its time. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Yields to the event loop (one setImmediate turn) and starts a new slice. */
  async turn(): Promise<void> {
    await nextTurn();
    this.sliceStart = performance.now();
  }
}
