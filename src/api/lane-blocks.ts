import type { Lane, Release } from './lanes.js';

/**
 * The items of `items`, each one produced while holding a place in `lane` (the place is given
 * back as soon as the item is there, not held while the consumer writes it out), so a long stream
 * to a slow client does not keep a place. `held`: a place already taken for the first item.
 * Stopping early (break, an error, `signal`) stops `items` too.
 */
export async function* throughLane<T>(items: AsyncIterable<T>, lane: Lane, signal: AbortSignal, held?: Release): AsyncGenerator<T> {
  const it = items[Symbol.asyncIterator]();
  let place = held;
  try {
    for (;;) {
      const release = place ?? (await lane.enter(signal));
      place = undefined;
      let next: IteratorResult<T>;
      try {
        next = await it.next();
      } finally {
        release();
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    place?.();
    await it.return?.();
  }
}
