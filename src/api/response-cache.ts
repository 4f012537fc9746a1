/** Root fields whose answers depend only on the stored data and the server's fixed settings. */
export const STORE_ONLY_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'audio',
  'audios',
  'coldTokens',
  'corpora',
  'corpus',
  'corpusLabels',
  'detect',
  'detectors',
  'evaluationRun',
  'evaluationRuns',
  'layerStats',
  'tokenFrequencies',
  '__typename',
  '__schema',
  '__type',
]);

/** A whole response as it was sent. */
export interface CachedResponse {
  status: number;
  headers: readonly (readonly [string, string])[];
  body: string;
}

interface Entry extends CachedResponse {
  generation: number;
}

/** Largest single response kept, in characters: larger ones are answered, not kept. */
const MAX_ENTRY_CHARS = 1 << 20;

/**
 * Whole GraphQL responses of queries that read only stored data (STORE_ONLY_ROOT_FIELDS, no
 * errors), keyed by the request as sent (method, query string, body, Accept, whether the caller
 * sees absolute paths, and the configuration in force) and valid for one data generation: any committed write makes every entry
 * stale. Dashboards send the same few requests again and again between ingests, and the whole
 * GraphQL pipeline (parse, validate, cost, execute, serialise) costs far more than the store reads
 * the result cache already saves: on a hit none of it runs. Bounded by characters held, least
 * recently used dropped first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private heldChars = 0;

  /** `maxChars`: the bound on characters held (bodies and keys); 0 keeps nothing. */
  constructor(readonly maxChars: number) {}

  /** The key of a request. */
  static key(request: { method: string; search: string; body: string; accept: string; trusted: boolean; cli?: boolean; config: number }): string {
    return `${request.config}|${request.cli ? 'C' : request.trusted ? 'T' : 'A'}|${request.method}|${request.accept}|${request.search}|${request.body}`;
  }

  /** The response kept for `key` in this data generation, if any. */
  get(key: string, generation: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.generation !== generation) {
      this.heldChars -= key.length + entry.body.length;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  /** Keeps `response` for `key`, computed from the data of `generation` (read before it ran). */
  set(key: string, generation: number, response: CachedResponse): void {
    const size = key.length + response.body.length;
    if (size > Math.min(MAX_ENTRY_CHARS, this.maxChars / 4)) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.heldChars -= key.length + old.body.length;
    }
    this.entries.set(key, { ...response, generation });
    this.heldChars += size;
    for (const [k, e] of this.entries) {
      if (this.heldChars <= this.maxChars) break;
      this.entries.delete(k);
      this.heldChars -= k.length + e.body.length;
    }
  }

  /** Characters held now. */
  get size(): number {
    return this.heldChars;
  }
}
