import type { DuckDBAppender } from '@duckdb/node-api';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import type { Transaction } from './database.js';
import { toNumber } from './sql-helpers.js';
import { YieldBudget } from './yield-budget.js';
import { recordChange } from './data-versions.js';

/** What is stored with a matrix. */
export interface NewAudio {
  corpusId: number;
  /** Model identity: a manifest id, or `external:<name>` for ingested codes. */
  model: string;
  contentSha256: string;
  sourcePath: string;
  sourceLine: number | null;
  text: string | null;
  metadata: Record<string, string>;
  matrix: CodeMatrix;
  /** sha256 of the ONNX file that encoded it; absent for codes computed elsewhere. */
  modelSha256?: string;
  /** The audio file it was encoded from; absent for code files. */
  audioSource?: AudioSourceFacts;
  /** Size and modification time of that file when it was hashed (stored in audio_files); absent when unknown. */
  file?: FileIdentity;
  /** Labelled spans imported with it. */
  labels?: readonly LabelSpan[];
}

/** What an audio file was before decoding. */
export interface AudioSourceFacts {
  /** Container/codec, e.g. wav/pcm_s16le, flac, mp3, ogg/vorbis. */
  format: string;
  /** Original sample rate, Hz. */
  sampleRate: number;
  channels: number;
  /** Samples after resampling to 24 kHz (the exact duration is samples / 24000 s). */
  samples24k: number;
}

/** What identifies a file cheaply: what a rewrite changes. */
export interface FileIdentity {
  sizeBytes: number;
  /** Modification time, ms since the epoch (fractional, as fs.Stats.mtimeMs). */
  mtimeMs: number;
}

/** Outcome of storing one matrix. */
export type StoreOutcome = { status: 'ingested'; audioId: number } | { status: 'already-present'; audioId: number };

/** Per-layer histograms of a matrix: 16 × 2048 counts, index = (layer − 1) × 2048 + token. */
function histograms(matrix: CodeMatrix): Uint32Array {
  const counts = new Uint32Array(LAYER_COUNT * CODEBOOK_SIZE);
  const { tokens } = matrix;
  for (let i = 0; i < tokens.length; i++) counts[(i % LAYER_COUNT) * CODEBOOK_SIZE + tokens[i]!]!++;
  return counts;
}

function appendNullable<T>(ap: DuckDBAppender, value: T | null | undefined, append: (v: T) => void): void {
  if (value === null || value === undefined) ap.appendNull();
  else append(value);
}

/** Items appended between two checks of the time budget. */
const ITEMS_PER_CHECK = 512;

/** Items the Appender buffers before it is flushed into the transaction (a flush is one native call). */
const ITEMS_PER_FLUSH = 2048;

/**
 * Fills an Appender on `table` item by item (`append(a, i)` appends the rows of item i, for i in
 * [0, items)), flushing every ITEMS_PER_FLUSH items and yielding to the event loop whenever the
 * budget's slice is used, so a 45,000-frame matrix does not hold the event loop for the whole
 * write. Everything still goes into the caller's one transaction.
 */
async function appendRows(tx: Transaction, table: string, items: number, budget: YieldBudget, append: (a: DuckDBAppender, i: number) => void): Promise<void> {
  const appender = await tx.appender(table);
  try {
    for (let i = 0; i < items; ) {
      const end = Math.min(items, i + ITEMS_PER_CHECK);
      for (; i < end; i++) append(appender, i);
      if (i % ITEMS_PER_FLUSH === 0) appender.flushSync();
      if (budget.due()) await budget.turn();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Options of storeMatrices. */
export interface StoreMatricesOptions {
  /** Most milliseconds of appending between two turns of the event loop (default DEFAULT_SLICE_MS). */
  sliceMs?: number;
}

/**
 * Stores matrices and their pre-aggregates inside `tx` with a constant number of statements per
 * batch: audio rows, frames, per-audio token counts and layer sums go through Appenders (counts
 * computed here from the matrix in hand), and the corpus token counts are upserted once.
 * Identity is (corpus, model, content hash): a matrix already stored is not stored again.
 * Appending yields to the event loop every `sliceMs`, so requests are served during a long write
 * (the 147 ms stall at the end of an hour's ingest); the write stays in the one transaction `tx`.
 */
export async function storeMatrices(tx: Transaction, audios: readonly NewAudio[], options: StoreMatricesOptions = {}): Promise<StoreOutcome[]> {
  if (!audios.length) return [];
  const keyOf = (a: NewAudio) => `${a.corpusId}|${a.model}|${a.contentSha256}`;
  const existing = new Map<string, number>();
  for (const r of await tx.query(
    `SELECT id, corpus_id || '|' || model || '|' || content_sha256 AS k FROM audios WHERE list_contains(?, corpus_id || '|' || model || '|' || content_sha256)`,
    [audios.map(keyOf)],
  )) {
    existing.set(String(r['k']), toNumber(r['id']));
  }
  // New matrices, each once: a second copy in the same batch is already present by the time it is stored.
  const fresh: NewAudio[] = [];
  const pending = new Set<string>();
  for (const a of audios) {
    if (existing.has(keyOf(a)) || pending.has(keyOf(a))) continue;
    pending.add(keyOf(a));
    fresh.push(a);
  }
  const ids = (await tx.query(`SELECT nextval('audio_id_seq') AS id FROM range(?)`, [fresh.length])).map((r) => toNumber(r['id']));
  const stored = new Map(fresh.map((a, i) => [a, ids[i]!]));
  fresh.forEach((a, i) => existing.set(keyOf(a), ids[i]!));

  const budget = new YieldBudget(options.sliceMs);
  await appendRows(tx, 'audios', fresh.length, budget, (ap, i) => {
    const a = fresh[i]!;
    ap.appendUInteger(ids[i]!);
    ap.appendUInteger(a.corpusId);
    ap.appendVarchar(a.model);
    ap.appendVarchar(a.contentSha256);
    ap.appendVarchar(a.sourcePath);
    appendNullable(ap, a.sourceLine, (v) => ap.appendInteger(v));
    ap.appendUInteger(a.matrix.frames);
    appendNullable(ap, a.text, (v) => ap.appendVarchar(v));
    ap.appendVarchar(JSON.stringify(a.metadata));
    ap.appendDefault();
    ap.appendVarchar(a.audioSource ? 'audio' : 'codes');
    appendNullable(ap, a.modelSha256, (v) => ap.appendVarchar(v));
    appendNullable(ap, a.audioSource?.format, (v) => ap.appendVarchar(v));
    appendNullable(ap, a.audioSource?.sampleRate, (v) => ap.appendUInteger(v));
    appendNullable(ap, a.audioSource?.channels, (v) => ap.appendUTinyInt(v));
    appendNullable(ap, a.audioSource?.samples24k, (v) => ap.appendUBigInt(BigInt(v)));
    ap.endRow();
  });
  const withFile = fresh.flatMap((a, i) => (a.file ? [{ id: ids[i]!, file: a.file }] : []));
  await appendRows(tx, 'audio_files', withFile.length, budget, (ap, i) => {
    const { id, file } = withFile[i]!;
    ap.appendUInteger(id);
    ap.appendUBigInt(BigInt(file.sizeBytes));
    ap.appendDouble(file.mtimeMs);
    ap.endRow();
  });
  // Frames of all matrices in one sequence of rows: (matrix, frame) from a running row number.
  const firstRow: number[] = [];
  let totalFrames = 0;
  for (const a of fresh) {
    firstRow.push(totalFrames);
    totalFrames += a.matrix.frames;
  }
  let m = 0;
  await appendRows(tx, 'frames', totalFrames, budget, (ap, row) => {
    while (row >= firstRow[m]! + fresh[m]!.matrix.frames) m++;
    const f = row - firstRow[m]!;
    const { tokens } = fresh[m]!.matrix;
    ap.appendUInteger(ids[m]!);
    ap.appendUInteger(f);
    for (let l = 0, at = f * LAYER_COUNT; l < LAYER_COUNT; l++) ap.appendUSmallInt(tokens[at + l]!);
    ap.endRow();
  });
  const counts = fresh.map((a) => histograms(a.matrix));
  // Non-zero histogram cells as (matrix, cell) pairs, appended as rows.
  const cells: number[] = [];
  counts.forEach((h, i) => {
    for (let j = 0; j < h.length; j++) if (h[j]) cells.push(i, j);
  });
  await appendRows(tx, 'audio_token_counts', cells.length / 2, budget, (ap, r) => {
    const i = cells[2 * r]!;
    const j = cells[2 * r + 1]!;
    ap.appendUInteger(ids[i]!);
    ap.appendUTinyInt(Math.floor(j / CODEBOOK_SIZE) + 1);
    ap.appendUSmallInt(j % CODEBOOK_SIZE);
    ap.appendUInteger(counts[i]![j]!);
    ap.endRow();
  });
  await appendRows(tx, 'audio_layer_stats', counts.length, budget, (ap, i) => {
    const h = counts[i]!;
    const n = fresh[i]!.matrix.frames;
    for (let l = 0; l < LAYER_COUNT; l++) {
      let sum = 0;
      let sumSq = 0;
      let distinct = 0;
      let entropy = 0;
      for (let t = 0; t < CODEBOOK_SIZE; t++) {
        const c = h[l * CODEBOOK_SIZE + t]!;
        if (!c) continue;
        sum += c * t;
        sumSq += c * t * t;
        distinct++;
        entropy -= (c / n) * Math.log2(c / n);
      }
      ap.appendUInteger(ids[i]!);
      ap.appendUTinyInt(l + 1);
      ap.appendUBigInt(BigInt(n));
      ap.appendUBigInt(BigInt(sum));
      ap.appendUBigInt(BigInt(sumSq));
      ap.appendUSmallInt(distinct);
      ap.appendDouble(Math.max(0, entropy));
      ap.endRow();
    }
  });
  const spans = fresh.flatMap((a, i) => (a.labels ?? []).map((l) => ({ audioId: ids[i]!, l })));
  await appendRows(tx, 'labels', spans.length, budget, (ap, r) => {
    const { audioId, l } = spans[r]!;
    ap.appendUInteger(audioId);
    ap.appendDouble(l.start);
    ap.appendDouble(l.end);
    ap.appendVarchar(l.label);
    ap.endRow();
  });
  if (fresh.length) {
    recordChange(tx, { corpusIds: fresh.map((a) => a.corpusId) });
    await tx.query(
      `INSERT INTO corpus_token_counts
       SELECT a.corpus_id, a.model, t.layer, t.token, sum(t.count) FROM audio_token_counts t JOIN audios a ON a.id = t.audio_id
       WHERE list_contains(?, t.audio_id) GROUP BY ALL
       ON CONFLICT DO UPDATE SET count = count + excluded.count`,
      [ids],
    );
  }
  return audios.map((a) => (stored.has(a) ? { status: 'ingested', audioId: stored.get(a)! } : { status: 'already-present', audioId: existing.get(keyOf(a))! }));
}
