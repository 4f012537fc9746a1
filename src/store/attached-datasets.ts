import { join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';
import { attachedId, isAttachedId, splitAttachedId } from './attached-ids.js';
import { requireUnchanged } from './attached-files.js';
import type { Database } from './database.js';
import { readAttachments } from './attached-registry.js';
import type { AttachedCorpus, Attachment } from './attached-registry.js';
import { globLiteral, stringLiteral } from './sql-helpers.js';
import { LAYER_COUNT } from '../domain/contract.js';

export type { AttachedCorpus, Attachment } from './attached-registry.js';

/** Native tables an attached dataset can stand in for, with their columns in order. */
export type SourceTable = 'audios' | 'frames' | 'labels' | 'audio_layer_stats' | 'audio_token_counts' | 'corpus_token_counts' | 'evaluation_runs';

/** Which rows a read needs: those of these corpora and/or these audios. */
export interface SourceScope {
  corpusIds?: readonly number[];
  audioIds?: readonly number[];
  /** Read the native table too, whatever the ids (a listing of every corpus). */
  includeNative?: boolean;
}

const layers = Array.from({ length: LAYER_COUNT }, (_, i) => `l${i + 1}`);
const audioColumns = ['model', 'content_sha256', 'source_path', 'source_line', 'frame_count', 'text', 'metadata', 'ingested_at', 'source_kind', 'model_sha256', 'source_format', 'source_sample_rate', 'source_channels', 'source_samples'];

/** The native columns of each table and, for an attached file, the expression giving each (`id` is the audio id, `corpus` the corpus id). */
const COLUMNS: Record<SourceTable, readonly (readonly [string, string])[]> = {
  audios: [['id', '$audio'], ['corpus_id', '$corpus'], ...audioColumns.map((c) => [c, c] as const)],
  frames: [['audio_id', '$audio'], ['frame', 'frame'], ...layers.map((c) => [c, c] as const)],
  labels: [['audio_id', '$audio'], ['start_seconds', 'start_seconds'], ['end_seconds', 'end_seconds'], ['label', 'label']],
  audio_layer_stats: [['audio_id', '$audio'], ...['layer', 'token_count', 'token_sum', 'token_sum_sq', 'distinct_tokens', 'entropy_bits'].map((c) => [c, c] as const)],
  audio_token_counts: [['audio_id', '$audio'], ['layer', 'layer'], ['token', 'token'], ['count', 'count']],
  corpus_token_counts: [['corpus_id', '$corpus'], ['model', 'model'], ['layer', 'layer'], ['token', 'token'], ['count', 'count']],
  // A run's id is 2^31 + slot·2^24 + run_key, as audio ids are; its report still names audios by audio_key (the repository remaps them).
  evaluation_runs: [['id', '$run'], ['corpus_id', '$corpus'], ['created_at', 'created_at'], ['name', 'name'], ['spec', 'spec'], ['report', 'report']],
};

function integers(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isInteger(id) || id < 0) throw new RangeError(`id ${id} is not a non-negative integer`);
  return ids.join(', ');
}

/**
 * The attached datasets of one store, held in memory (loaded at open, changed by attach and
 * detach), and the SQL that reads their Parquet files in place of the native tables: a
 * repository asks `relation(table, scope)` for what to put after FROM and gets the native table
 * itself unless the scope names attached corpora or audios.
 */
export class AttachedDatasets {
  private readonly bySlot = new Map<number, Attachment>();
  private readonly corpusIds = new Map<number, AttachedCorpus>();
  private readonly corpusNames = new Map<string, AttachedCorpus>();

  /** The registry's datasets, read from `db`. */
  static async load(db: Database): Promise<AttachedDatasets> {
    const out = new AttachedDatasets();
    for (const a of await readAttachments(db)) out.add(a);
    return out;
  }

  /** Every attached dataset, by name. */
  list(): Attachment[] {
    return [...this.bySlot.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The dataset attached under `name`, if any. */
  byName(name: string): Attachment | undefined {
    return [...this.bySlot.values()].find((a) => a.name === name);
  }

  /** The dataset in `slot`, if any. */
  inSlot(slot: number): Attachment | undefined {
    return this.bySlot.get(slot);
  }

  /** The lowest slot no dataset holds, or null when all are taken. */
  freeSlot(max: number): number | null {
    for (let s = 0; s < max; s++) if (!this.bySlot.has(s)) return s;
    return null;
  }

  /** Every attached corpus. */
  corpora(): AttachedCorpus[] {
    return this.list().flatMap((a) => a.corpora);
  }

  /** The attached corpus with this id or `<dataset>/<corpus>` name. */
  corpus(idOrName: number | string): AttachedCorpus | undefined {
    return typeof idOrName === 'number' ? this.corpusIds.get(idOrName) : this.corpusNames.get(idOrName);
  }

  /** The dataset a corpus or audio id belongs to (undefined for a native id or a detached slot). */
  datasetOf(id: number): Attachment | undefined {
    return isAttachedId(id) ? this.bySlot.get(splitAttachedId(id).slot) : undefined;
  }

  /** READ_ONLY_CORPUS when corpus `name` (or id) is attached: writes go to native corpora only. */
  refuseWrites(idOrName: number | string, what: string): void {
    const c = this.corpus(idOrName);
    if (!c) return;
    throw new TokenscopeError(ErrorCode.READ_ONLY_CORPUS, `corpus ${excerpt(c.name)} is attached read-only (dataset ${excerpt(this.datasetOf(c.id)!.name)}); ${what} needs a native corpus (tokenscope import copies a dataset into one)`, { corpus: clip(c.name) });
  }

  /** Makes a registered dataset visible to reads. */
  use(a: Attachment): void {
    this.add(a);
  }

  /** Hides the dataset in `slot` from reads. */
  forget(slot: number): void {
    const a = this.bySlot.get(slot);
    if (!a) return;
    this.bySlot.delete(slot);
    for (const c of a.corpora) {
      this.corpusIds.delete(c.id);
      this.corpusNames.delete(c.name);
    }
  }

  private add(a: Attachment): void {
    this.bySlot.set(a.slot, a);
    for (const c of a.corpora) {
      this.corpusIds.set(c.id, c);
      this.corpusNames.set(c.name, c);
    }
  }

  /**
   * What to read table `table` from for `scope`: the native table when the scope names no
   * attached corpus or audio; otherwise a subquery with the native table's columns over the
   * attached files that hold the scope's rows (and the native table too when the scope also
   * names native ids). Audios are filtered by audio_key inside each file's scan, so DuckDB skips
   * the row groups whose min/max exclude them. Every file read is checked first: DATASET_CHANGED
   * naming it when its size or modification time changed since it was attached.
   */
  async relation(table: SourceTable, scope: SourceScope): Promise<string> {
    const corpusIds = scope.corpusIds ?? [];
    const audioIds = scope.audioIds ?? [];
    const attachedCorpora = corpusIds.filter(isAttachedId);
    const attachedAudios = audioIds.filter(isAttachedId);
    if (!attachedCorpora.length && !attachedAudios.length) return table;
    // Per slot: the corpora wanted ('all' for an audio scope: an audio_key does not say its corpus) and the audio keys, if filtered.
    const wanted = new Map<number, { corpora: Set<string> | 'all'; keys: number[] | null }>();
    for (const id of attachedCorpora) {
      const c = this.corpusIds.get(id);
      if (!c) continue;
      const slot = splitAttachedId(id).slot;
      const w = wanted.get(slot) ?? { corpora: new Set<string>(), keys: null };
      if (w.corpora !== 'all') w.corpora.add(c.corpus);
      wanted.set(slot, w);
    }
    for (const id of attachedAudios) {
      const { slot, key } = splitAttachedId(id);
      if (!this.bySlot.has(slot)) continue;
      const w = wanted.get(slot);
      if (w && w.keys === null) continue; // whole corpora of this slot are read already
      wanted.set(slot, { corpora: 'all', keys: [...(w?.keys ?? []), key] });
    }
    const parts: string[] = [];
    if (scope.includeNative || corpusIds.some((id) => !isAttachedId(id)) || audioIds.some((id) => !isAttachedId(id))) parts.push(`SELECT ${COLUMNS[table].map(([c]) => c).join(', ')} FROM ${table}`);
    for (const [slot, w] of wanted) {
      const a = this.bySlot.get(slot)!;
      const files = a.files.filter((f) => f.table === table && (w.corpora === 'all' || w.corpora.has(f.corpus)));
      await requireUnchanged(a.name, a.path, files);
      const read = a.corpora.filter((c) => files.some((f) => f.corpus === c.corpus));
      if (!read.length) continue;
      // One scan of all the slot's files (a scan per corpus cost a Parquet reader each); every file carries its corpus column.
      const corpusId = read.length === 1 ? `${read[0]!.id}::UINTEGER` : `(CASE corpus ${read.map((c) => `WHEN ${stringLiteral(c.corpus)} THEN ${c.id}`).join(' ')} END)::UINTEGER`;
      const select = COLUMNS[table].map(([col, expr]) => `${expr === '$audio' ? `(${attachedId(slot, 0)} + audio_key)::UINTEGER` : expr === '$run' ? `(${attachedId(slot, 0)} + run_key)::UINTEGER` : expr === '$corpus' ? corpusId : expr} AS ${col}`).join(', ');
      const list = `[${files.map((f) => globLiteral(join(a.path, f.path))).join(', ')}]`;
      const filter = w.keys ? ` WHERE audio_key IN (${integers(w.keys)})` : '';
      parts.push(`SELECT ${select} FROM read_parquet(${list}, hive_partitioning = false)${filter}`);
    }
    if (!parts.length) parts.push(`SELECT ${COLUMNS[table].map(([c]) => c).join(', ')} FROM ${table} WHERE false`);
    return `(${parts.join(' UNION ALL ')})`;
  }
}
