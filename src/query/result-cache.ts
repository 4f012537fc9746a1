import { approximateBytes } from './approximate-bytes.js';

/** Default bound of a ResultCache when none is given: 64 MiB of cached results. */
export const DEFAULT_RESULT_CACHE_BYTES = 64 * 2 ** 20;

/** Counters of a ResultCache, for tests and the benchmark. */
export interface ResultCacheStats {
  /** Answers served from the cache (completed or in flight). */
  hits: number;
  /** Computations started. */
  misses: number;
  /** Results currently held. */
  entries: number;
  /** Approximate bytes currently held (approximateBytes of each result). */
  bytes: number;
  /** Results dropped to stay within the bound. */
  evictions: number;
}

interface Entry {
  value: unknown;
  bytes: number;
}

/**
 * Results of expensive reads shared across requests, keyed by a string that names the operation,
 * its inputs and the data versions it read (so a change of data is a different key, never a stale
 * answer). Bounded by approximate bytes, least recently used dropped first; a result larger than a
 * quarter of the bound is returned but not kept. Identical misses in flight share one computation;
 * a failed computation is not kept, so the next request tries again.
 */
export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private heldBytes = 0;
  private counters = { hits: 0, misses: 0, evictions: 0 };

  /** `maxBytes`: the bound on approximate bytes held (default DEFAULT_RESULT_CACHE_BYTES). */
  constructor(readonly maxBytes = DEFAULT_RESULT_CACHE_BYTES) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError(`maxBytes must be an integer ≥ 0; received ${maxBytes}`);
  }

  /**
   * The cached result of `key`, or the one computation of it in flight, or a new computation by
   * `compute`, kept unless `keep` says otherwise.
   */
  async get<T>(key: string, compute: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      this.counters.hits++;
      // Re-inserting moves the key to the end of the Map's order: the most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as T;
    }
    const running = this.inFlight.get(key);
    if (running) {
      this.counters.hits++;
      return running as Promise<T>;
    }
    this.counters.misses++;
    const computation = compute().then(
      (value) => {
        this.inFlight.delete(key);
        if (keep(value)) this.keep(key, value);
        return value;
      },
      (err: unknown) => {
        this.inFlight.delete(key);
        throw err;
      },
    );
    this.inFlight.set(key, computation);
    return computation;
  }

  /** Current counters. */
  get stats(): ResultCacheStats {
    return { ...this.counters, entries: this.entries.size, bytes: this.heldBytes };
  }

  /** Drops every result (in-flight computations still finish and are kept). */
  clear(): void {
    this.entries.clear();
    this.heldBytes = 0;
  }

  private keep(key: string, value: unknown): void {
    const bytes = approximateBytes(value) + 2 * key.length;
    if (bytes > this.maxBytes / 4) return;
    const earlier = this.entries.get(key);
    if (earlier) this.heldBytes -= earlier.bytes;
    this.entries.delete(key);
    this.entries.set(key, { value, bytes });
    this.heldBytes += bytes;
    for (const [oldest, e] of this.entries) {
      if (this.heldBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.heldBytes -= e.bytes;
      this.counters.evictions++;
    }
  }
}
