import DataLoader from 'dataloader';
import { notFound } from '../errors.js';
import type { AudioLayerAggregateRow, AudioRow, AudioStabilityRow, CorpusRow, CorpusSummaryRow, TokenCountRow, TokenOccurrenceRow } from '../store/rows.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import type { Store } from '../store/store.js';
import { ALL_LAYERS } from '../domain/contract.js';
import type { LayerEnergies } from '../codebooks/layer-energy.js';
import { audioLayerEnergies, corpusLayerEnergies } from '../query/layer-energies.js';
import type { LayerScope } from './types/layer.type.js';

/** Key of a token histogram request: one layer of one audio, or of a set of corpora. */
export type TokenCountsKey =
  | { kind: 'audio'; audioId: number; layer: number; limit: number }
  | { kind: 'corpora'; corpusIds: readonly number[]; model: string | undefined; layer: number; limit: number };

/** Key of an occurrences request. */
export interface OccurrencesKey {
  corpusIds: readonly number[];
  layer: number;
  token: number;
  first: number;
}

/** Key of an audio's stability measurements: the audio and the run filter (canonical perturbation key, model). */
export interface AudioStabilityKey {
  audioId: number;
  perturbation: string | null;
  model: string | null;
}

/** Per-request batching loaders: each batch issues one statement (or one per distinct limit). */
export interface Loaders {
  corpus: DataLoader<number, CorpusRow>;
  corpusSummary: DataLoader<number, CorpusSummaryRow>;
  audio: DataLoader<number, AudioRow>;
  audioLayers: DataLoader<number, AudioLayerAggregateRow[]>;
  tokenCounts: DataLoader<TokenCountsKey, TokenCountRow[], string>;
  occurrences: DataLoader<OccurrencesKey, TokenOccurrenceRow[], string>;
  labels: DataLoader<number, LabelSpan[]>;
  /** Per-layer residual energies of a Layer's scope (null where its model has no codebooks). */
  layerEnergies: DataLoader<LayerScope, LayerEnergies | null, string>;
  /** An audio's measurements in the stored stability runs: one statement per distinct filter. */
  audioStability: DataLoader<AudioStabilityKey, AudioStabilityRow[], string>;
}

function inKeyOrder<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K, what: (key: K) => string): (V | Error)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? notFound(`${what(k)} does not exist`));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** Creates a fresh set of loaders for one request; codebooks are read from `modelsDir`. */
export function createLoaders(store: Store, modelsDir: string): Loaders {
  return {
    corpus: new DataLoader(async (ids) => inKeyOrder(ids, await store.corpora.findByIds(ids), (r) => r.id, (id) => `corpus ${id}`)),
    corpusSummary: new DataLoader(async (ids) => store.corpora.summaries(ids)),
    audio: new DataLoader(async (ids) => inKeyOrder(ids, await store.audios.findByIds(ids), (r) => r.id, (id) => `audio ${id}`)),
    audioStability: new DataLoader(
      async (keys) => {
        const results = new Map<string, AudioStabilityRow[]>();
        for (const [filter, group] of groupBy(keys, (k) => JSON.stringify([k.perturbation, k.model]))) {
          const rows = await store.stabilityRuns.forAudios(group.map((k) => k.audioId), { perturbation: group[0]!.perturbation, model: group[0]!.model });
          for (const k of group) results.set(JSON.stringify([k.audioId, filter]), []);
          for (const r of rows) results.get(JSON.stringify([r.audioId, filter]))!.push(r);
        }
        return keys.map((k) => results.get(JSON.stringify([k.audioId, JSON.stringify([k.perturbation, k.model])]))!);
      },
      { cacheKeyFn: (k) => JSON.stringify([k.audioId, k.perturbation, k.model]) },
    ),
    audioLayers: new DataLoader(async (ids) => {
      const groups = groupBy(await store.stats.audioLayers(ids, ALL_LAYERS), (r) => String(r.audioId));
      return ids.map((id) => groups.get(String(id)) ?? []);
    }),
    tokenCounts: new DataLoader(
      async (keys) => {
        const results = new Map<string, TokenCountRow[]>();
        const audioKeys = keys.filter((k) => k.kind === 'audio');
        for (const [, group] of groupBy(audioKeys, (k) => String(k.limit))) {
          const found = await store.stats.audioTokenCounts(group, group[0]!.limit);
          for (const k of group) results.set(tokenCountsKey(k), found.get(`${k.audioId}:${k.layer}`) ?? []);
        }
        const corporaKeys = keys.filter((k) => k.kind === 'corpora');
        for (const [, group] of groupBy(corporaKeys, (k) => `${k.corpusIds.join(',')}|${k.model ?? ''}|${k.limit}`)) {
          const { corpusIds, model, limit } = group[0]!;
          const found = await store.stats.corpusTopTokens({ corpusIds, model }, [...new Set(group.map((k) => k.layer))], limit);
          for (const k of group) results.set(tokenCountsKey(k), found.get(k.layer) ?? []);
        }
        return keys.map((k) => results.get(tokenCountsKey(k))!);
      },
      { cacheKeyFn: tokenCountsKey },
    ),
    labels: new DataLoader(async (ids) => {
      const found = await store.audios.labels(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    layerEnergies: new DataLoader(
      async (scopes) => {
        const audioIds = scopes.flatMap((s) => (s.kind === 'audio' ? [s.audioId] : []));
        const byAudio = new Map<number, LayerEnergies | null>();
        (await audioLayerEnergies(store, modelsDir, audioIds)).forEach((e, i) => byAudio.set(audioIds[i]!, e));
        return Promise.all(scopes.map((s) => (s.kind === 'audio' ? byAudio.get(s.audioId)! : corpusLayerEnergies(store, modelsDir, s))));
      },
      { cacheKeyFn: layerScopeKey },
    ),
    occurrences: new DataLoader(
      async (keys) => {
        const results = new Map<string, TokenOccurrenceRow[]>();
        for (const [, group] of groupBy(keys, (k) => `${k.corpusIds.join(',')}|${k.first}`)) {
          const rows = await store.tokens.occurrences(group[0]!.corpusIds, group, group[0]!.first);
          for (const [key, list] of groupBy(rows, (r) => `${r.layer}:${r.token}`)) results.set(`${group[0]!.corpusIds.join(',')}|${group[0]!.first}|${key}`, list);
        }
        return keys.map((k) => results.get(occurrencesKey(k)) ?? []);
      },
      { cacheKeyFn: occurrencesKey },
    ),
  };
}

function tokenCountsKey(k: TokenCountsKey): string {
  return k.kind === 'audio' ? `a|${k.audioId}|${k.layer}|${k.limit}` : `c|${k.corpusIds.join(',')}|${k.model ?? ''}|${k.layer}|${k.limit}`;
}

function layerScopeKey(s: LayerScope): string {
  return s.kind === 'audio' ? `a|${s.audioId}` : `c|${s.corpusIds.join(',')}|${s.model ?? ''}`;
}

function occurrencesKey(k: OccurrencesKey): string {
  return `${k.corpusIds.join(',')}|${k.first}|${k.layer}:${k.token}`;
}
