import type { LabelSpan } from '../labels/audacity-labels.js';
import { AudioRepository } from '../store/audio-repository.js';
import { CorpusRepository } from '../store/corpus-repository.js';
import { dataVersions } from '../store/data-versions.js';
import type { DataVersions } from '../store/data-versions.js';
import type { AttachedDatasets } from '../store/attached-datasets.js';
import { isAttachedId } from '../store/attached-ids.js';
import type { Database } from '../store/database.js';
import type { AudioLayerAggregateRow, AudioRow, BigramRow, ColdTokenRow, CorpusRow, CorpusSummaryRow, LayerAggregateRow, TokenCorpusCountRow, TokenCountRow, TokenOccurrenceRow } from '../store/rows.js';
import { StatsRepository } from '../store/stats-repository.js';
import type { CorpusScope } from '../store/stats-repository.js';
import type { Store } from '../store/store.js';
import { TokenRepository } from '../store/token-repository.js';
import type { ColdTokenQuery, TokenSearchScope } from '../store/token-repository.js';
import type { ResultCache } from './result-cache.js';

/** What a read depends on, turned into the version part of its cache key. */
type Depends = { corpora: readonly number[] } | 'catalog' | 'deletions' | 'generation';

function versionKey(v: DataVersions, on: Depends): string {
  if (on === 'catalog') return `catalog:${v.catalog}`;
  if (on === 'deletions') return `deletions:${v.deletions}`;
  if (on === 'generation') return `generation:${v.generation}`;
  return `corpora:${on.corpora.map((id) => `${id}@${v.corpus(id)}`).join(',')}`;
}

/** True when `inputs` name an attached corpus or audio id (a number at any depth of lists and objects). */
function mentionsAttached(inputs: unknown): boolean {
  if (typeof inputs === 'number') return isAttachedId(inputs);
  if (Array.isArray(inputs)) return inputs.some(mentionsAttached);
  if (inputs !== null && typeof inputs === 'object') return Object.values(inputs).some(mentionsAttached);
  return false;
}

/**
 * Caches `read` under (operation, inputs, versions of what it depends on). Reads of attached
 * corpora and audios are not kept: each must check that the dataset's files are unchanged
 * (DATASET_CHANGED), and they come from the small pre-aggregate files anyway.
 */
function cached<T>(cache: ResultCache, db: Database, op: string, inputs: unknown, on: Depends, read: () => Promise<T>): Promise<T> {
  if (mentionsAttached(inputs)) return read();
  // The versions are read before the computation starts: see DataVersions on why that is sound.
  return cache.get(`${op}|${JSON.stringify(inputs)}|${versionKey(dataVersions(db), on)}`, read);
}

class CachedCorpusRepository extends CorpusRepository {
  constructor(
    private readonly database: Database,
    attached: AttachedDatasets,
    private readonly cache: ResultCache,
  ) {
    super(database, attached);
  }

  override list(): Promise<CorpusRow[]> {
    return cached(this.cache, this.database, 'corpora.list', null, 'catalog', () => super.list());
  }

  override findByNames(names: readonly string[]): Promise<CorpusRow[]> {
    return cached(this.cache, this.database, 'corpora.byNames', names, 'catalog', () => super.findByNames(names));
  }

  override findByIds(ids: readonly number[]): Promise<CorpusRow[]> {
    return cached(this.cache, this.database, 'corpora.byIds', ids, 'catalog', () => super.findByIds(ids));
  }

  override summaries(ids: readonly number[]): Promise<CorpusSummaryRow[]> {
    return cached(this.cache, this.database, 'corpora.summaries', ids, { corpora: ids }, () => super.summaries(ids));
  }
}

class CachedAudioRepository extends AudioRepository {
  constructor(
    private readonly database: Database,
    attached: AttachedDatasets,
    private readonly cache: ResultCache,
  ) {
    super(database, attached);
  }

  // An audio row never changes once stored, only goes when deleted; a read that missed an id is
  // not kept, since that id may be stored later.
  override findByIds(ids: readonly number[]): Promise<AudioRow[]> {
    return keepIfComplete(this.cache, this.database, 'audios.byIds', ids, () => super.findByIds(ids), (rows) => new Set(rows.map((r) => r.id)).size === new Set(ids).size);
  }

  override listByCorpus(corpusId: number, limit: number, afterId = 0): Promise<AudioRow[]> {
    return cached(this.cache, this.database, 'audios.byCorpus', [corpusId, limit, afterId], { corpora: [corpusId] }, () => super.listByCorpus(corpusId, limit, afterId));
  }

  override labels(audioIds: readonly number[]): Promise<Map<number, LabelSpan[]>> {
    return cached(this.cache, this.database, 'audios.labels', audioIds, 'generation', () => super.labels(audioIds));
  }
}

class CachedStatsRepository extends StatsRepository {
  constructor(
    private readonly database: Database,
    attached: AttachedDatasets,
    private readonly cache: ResultCache,
  ) {
    super(database, attached);
  }

  override audioLayers(audioIds: readonly number[], layers: readonly number[]): Promise<AudioLayerAggregateRow[]> {
    return keepIfComplete(this.cache, this.database, 'stats.audioLayers', [audioIds, layers], () => super.audioLayers(audioIds, layers), (rows) => {
      const found = new Set(rows.map((r) => r.audioId));
      return audioIds.every((id) => found.has(id));
    });
  }

  override audioTokenCounts(keys: readonly { audioId: number; layer: number }[], limit: number): Promise<Map<string, TokenCountRow[]>> {
    const inputs = [keys.map((k) => k.audioId), keys.map((k) => k.layer), limit];
    return keepIfComplete(this.cache, this.database, 'stats.audioTokenCounts', inputs, () => super.audioTokenCounts(keys, limit), (found) => keys.every((k) => found.has(`${k.audioId}:${k.layer}`)));
  }

  override corpusLayers(scope: CorpusScope, layers: readonly number[]): Promise<LayerAggregateRow[]> {
    return cached(this.cache, this.database, 'stats.corpusLayers', [scope.corpusIds, scope.model ?? null, layers], { corpora: scope.corpusIds }, () => super.corpusLayers(scope, layers));
  }

  override corpusTokenCounts(scope: CorpusScope, layer: number, limit: number, offset = 0): Promise<TokenCountRow[]> {
    const inputs = [scope.corpusIds, scope.model ?? null, layer, limit, offset];
    return cached(this.cache, this.database, 'stats.corpusTokenCounts', inputs, { corpora: scope.corpusIds }, () => super.corpusTokenCounts(scope, layer, limit, offset));
  }

  override corpusTopTokens(scope: CorpusScope, layers: readonly number[], limit: number): Promise<Map<number, TokenCountRow[]>> {
    const inputs = [scope.corpusIds, scope.model ?? null, layers, limit];
    return cached(this.cache, this.database, 'stats.corpusTopTokens', inputs, { corpora: scope.corpusIds }, () => super.corpusTopTokens(scope, layers, limit));
  }

  override corpusHistogramsByModel(scope: CorpusScope): Promise<{ model: string; layer: number; token: number; count: number }[]> {
    return cached(this.cache, this.database, 'stats.corpusHistogramsByModel', [scope.corpusIds, scope.model ?? null], { corpora: scope.corpusIds }, () => super.corpusHistogramsByModel(scope));
  }

  override corpusHistograms(scope: CorpusScope): Promise<{ layer: number; token: number; count: number }[]> {
    return cached(this.cache, this.database, 'stats.corpusHistograms', [scope.corpusIds, scope.model ?? null], { corpora: scope.corpusIds }, () => super.corpusHistograms(scope));
  }
}

class CachedTokenRepository extends TokenRepository {
  constructor(
    private readonly database: Database,
    attached: AttachedDatasets,
    private readonly cache: ResultCache,
  ) {
    super(database, attached);
  }

  override coldTokens(q: ColdTokenQuery): Promise<ColdTokenRow[]> {
    return cached(this.cache, this.database, 'tokens.cold', q, { corpora: [...q.referenceCorpusIds, ...q.targetCorpusIds] }, () => super.coldTokens(q));
  }

  override occurrences(corpusIds: readonly number[], keys: readonly { layer: number; token: number }[], perToken: number): Promise<TokenOccurrenceRow[]> {
    const inputs = [corpusIds, keys.map((k) => `${k.layer}:${k.token}`), perToken];
    return cached(this.cache, this.database, 'tokens.occurrences', inputs, { corpora: corpusIds }, () => super.occurrences(corpusIds, keys, perToken));
  }

  override corpusCounts(q: TokenSearchScope): Promise<TokenCorpusCountRow[]> {
    return cached(this.cache, this.database, 'tokens.corpusCounts', q, { corpora: q.corpusIds }, () => super.corpusCounts(q));
  }

  // A scan of a whole corpus's layer: the read most worth keeping.
  override bigrams(scope: { corpusIds: readonly number[]; model?: string | undefined }, layer: number, limit: number): Promise<BigramRow[]> {
    return cached(this.cache, this.database, 'tokens.bigrams', [scope.corpusIds, scope.model ?? null, layer, limit], { corpora: scope.corpusIds }, () => super.bigrams(scope, layer, limit));
  }
}

/**
 * Keeps the result of a read of audio-level facts (keyed by the deletion version) only when it
 * found every id asked for; otherwise returns it uncached.
 */
async function keepIfComplete<T>(cache: ResultCache, db: Database, op: string, inputs: unknown, read: () => Promise<T>, complete: (result: T) => boolean): Promise<T> {
  if (mentionsAttached(inputs)) return read();
  const key = `${op}|${JSON.stringify(inputs)}|${versionKey(dataVersions(db), 'deletions')}`;
  return cache.get(key, read, complete);
}

/**
 * `store` with its repeated reads answered from `cache`: corpus lists and summaries, per-layer
 * statistics and token counts of corpora and audios, audio pages, cold tokens and occurrences,
 * each keyed by its inputs and the data versions of what it reads (store/data-versions.ts).
 * Writes, matrices (windows) and everything else go to the store as they are.
 */
export function cachedStore(store: Store, cache: ResultCache): Store {
  const { db } = store;
  return {
    db,
    corpora: new CachedCorpusRepository(db, store.attached, cache),
    audios: new CachedAudioRepository(db, store.attached, cache),
    stats: new CachedStatsRepository(db, store.attached, cache),
    tokens: new CachedTokenRepository(db, store.attached, cache),
    evaluationRuns: store.evaluationRuns,
    stabilityRuns: store.stabilityRuns,
    attached: store.attached,
    checkIntegrity: () => store.checkIntegrity(),
    close: () => store.close(),
  };
}
