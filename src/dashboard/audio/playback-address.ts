import { replaceParams } from '../address';

/** Least time between two writes of the playback time while playing, milliseconds. */
export const TIME_WRITE_INTERVAL_MS = 1000;

/**
 * Writes the playback time to the address (`t=` seconds, two decimals) by replacing the history
 * entry, never pushing one: at most once per TIME_WRITE_INTERVAL_MS while playing, at once when
 * `now` is set (a pause, a seek), so a copied link opens where the reader is.
 */
export class PlaybackAddress {
  private last = -Infinity;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private latest = 0;

  /** Records playback time `seconds`; `now`: write it at once rather than throttled. */
  write(seconds: number, now = false): void {
    this.latest = seconds;
    const wait = this.last + TIME_WRITE_INTERVAL_MS - Date.now();
    if (now || wait <= 0) {
      this.flush();
      return;
    }
    this.pending ??= setTimeout(() => this.flush(), wait);
  }

  /** Writes the latest time now. */
  flush(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
    this.last = Date.now();
    replaceParams({ t: this.latest > 0 ? this.latest.toFixed(2) : null });
  }

  /** Stops a pending write (the view is going away). */
  cancel(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }
}
