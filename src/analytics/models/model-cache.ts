import { invalidArgument } from '../../errors.js';

/** What identifies a fitted model: the detector, the parameters that shape the fit, and the corpus. */
export interface ModelKey {
  /** Detector name, e.g. `tokenSurprisal`. */
  readonly detector: string;
  /** Corpus the model is fitted on. */
  readonly corpus: string;
  /** The corpus's fingerprint when fitted (DetectorContext.corpusVersion). */
  readonly version: string;
  /** Only the parameters that change the fit (not thresholds); JSON-serialisable. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** A small least-recently-used cache of fitted models, shared by every run of a registry. */
export interface ModelCache {
  /**
   * The model under `key`, fitting it with `fit` on a miss. Concurrent calls for one key share
   * one fit; a failed fit is not kept. Storing a model drops models of the same detector, params
   * and corpus under other versions: a new version means the corpus changed, so they are stale.
   */
  getOrFit<T>(key: ModelKey, fit: () => Promise<T>): Promise<T>;
  /** Models held now. */
  readonly size: number;
}

/** A cache holding at most `capacity` (≥ 1) models; the least recently used goes first. */
export function createModelCache(capacity = 8): ModelCache {
  if (!(Number.isInteger(capacity) && capacity >= 1)) {
    throw invalidArgument(`model cache capacity must be an integer ≥ 1; received ${String(capacity)}`, { argument: 'capacity' });
  }
  // Map iteration follows insertion order: re-inserting on use keeps the oldest first.
  const entries = new Map<string, { lineage: string; model: Promise<unknown> }>();
  return {
    get size() {
      return entries.size;
    },
    getOrFit<T>(key: ModelKey, fit: () => Promise<T>): Promise<T> {
      const lineage = JSON.stringify([key.detector, key.corpus, canonical(key.params)]);
      const id = JSON.stringify([lineage, key.version]);
      const hit = entries.get(id);
      if (hit) {
        entries.delete(id);
        entries.set(id, hit);
        return hit.model as Promise<T>;
      }
      for (const [other, entry] of entries) if (entry.lineage === lineage) entries.delete(other);
      const model = fit();
      entries.set(id, { lineage, model });
      model.catch(() => {
        if (entries.get(id)?.model === model) entries.delete(id);
      });
      while (entries.size > capacity) entries.delete(entries.keys().next().value!);
      return model;
    },
  };
}

/** Parameters with keys sorted, so that key order does not split the cache. */
function canonical(params: Readonly<Record<string, unknown>>): unknown[] {
  return Object.keys(params)
    .sort()
    .map((name) => [name, params[name]]);
}
