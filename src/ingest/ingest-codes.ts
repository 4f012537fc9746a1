import { ErrorCode, TokenscopeError } from '../errors.js';
import { crashPoint } from '../store/crash-points.js';
import type { Store } from '../store/store.js';
import { versionedTransaction } from '../store/data-versions.js';
import { storeMatrices } from '../store/matrix-writer.js';
import type { CodeItem } from './codes/code-item.js';
import { isCodeItemFailure } from './codes/code-item.js';
import type { Orientation } from './codes/orientation.js';
import { readCodeFileBatches } from './codes/read-code-file.js';
import { readParquetCodes } from './codes/parse-parquet.js';
import type { ParquetCodeOptions } from './codes/parse-parquet.js';
import type { CodeParseResult } from './codes/code-item.js';
import { extname } from 'node:path';
import { listCodeFiles } from './list-code-files.js';

/** Most errors a file's result lists; the rest are only counted (errorCount), so a file of a million bad tokens stays a small report. */
export const MAX_ERRORS_PER_FILE = 10;

/** Default model identity for code matrices computed elsewhere by the official tokenizer. */
export const DEFAULT_EXTERNAL_MODEL = 'external:qwen3-tts-tokenizer-12hz';

/** Options of a code-file ingest. */
export interface IngestCodesOptions {
  /** Corpus to ingest into; created when absent. */
  corpus: string;
  /** Model identity recorded with every matrix (default DEFAULT_EXTERNAL_MODEL). */
  model?: string;
  /** Orientation of square (16×16) arrays, which is otherwise ambiguous. */
  orientation?: Orientation;
  /** How to read Parquet code sets (.parquet files): their codes, text and metadata columns. */
  parquet?: Omit<ParquetCodeOptions, 'orientation'>;
  /**
   * false (default): a file with any bad matrix stores nothing; true: its good matrices are
   * stored and the bad ones reported.
   */
  skipBadItems?: boolean;
  /** Called after each file. */
  onFile?: (result: IngestFileResult) => void;
}

/** What happened to one file. */
export type IngestFileResult = {
  path: string;
  /** Matrices newly stored. */
  ingested: number;
  /** Matrices already stored in this corpus under this model (not stored again). */
  alreadyPresent: number;
  /** Ids of the audios of this file, new or already present, in file order. */
  audioIds: number[];
  /** The first MAX_ERRORS_PER_FILE problems found; with skipBadItems false, a non-empty list means nothing of the file was stored. */
  errors: TokenscopeError[];
  /** How many problems the file has in all (errors lists the first of them); absent: errors.length. */
  errorCount?: number;
  /** Label spans stored with the file's audio (an audio's Audacity track beside it); absent: 0. */
  labels?: number;
  status: 'ingested' | 'already-present' | 'partial' | 'failed';
};

function statusOf(r: Omit<IngestFileResult, 'status'>, total: number): IngestFileResult['status'] {
  if (r.errors.length && r.ingested + r.alreadyPresent === 0) return 'failed';
  if (r.errors.length) return 'partial';
  return r.ingested === 0 && total > 0 ? 'already-present' : 'ingested';
}

async function storeItems(store: Store, corpus: string, model: string, items: readonly CodeItem[]) {
  const outcomes = await versionedTransaction(store.db, async (tx) => {
    const corpusRow = await store.corpora.ensureIn(tx, corpus);
    const stored = await storeMatrices(
      tx,
      items.map((item) => ({
        corpusId: corpusRow.id,
        model,
        contentSha256: item.contentSha256,
        sourcePath: item.source.path,
        sourceLine: item.source.line ?? null,
        text: item.metadata['text'] ?? null,
        metadata: { ...item.metadata },
        matrix: item.matrix,
      })),
    );
    crashPoint('ingest-before-commit');
    return stored;
  });
  crashPoint('ingest-after-commit');
  return outcomes;
}

/**
 * Reads every matrix of one file, keeping the first MAX_ERRORS_PER_FILE errors and counting the
 * rest; a file that cannot be read becomes one error. Without `keepGoodAfterErrors` the good items
 * after the first error are dropped as they come (nothing of such a file is stored).
 */
async function readAll(read: (visit: (batch: readonly CodeParseResult[]) => void) => Promise<void>, path: string, keepGoodAfterErrors: boolean) {
  const items: CodeItem[] = [];
  const errors: TokenscopeError[] = [];
  let errorCount = 0;
  const fail = (error: TokenscopeError) => {
    errorCount++;
    if (errors.length < MAX_ERRORS_PER_FILE) errors.push(error);
  };
  try {
    await read((batch) => {
      for (const r of batch) {
        if (isCodeItemFailure(r)) {
          fail(r.error);
          if (!keepGoodAfterErrors) items.length = 0;
        } else if (errorCount === 0 || keepGoodAfterErrors) {
          items.push(r);
        }
      }
    });
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    fail(err);
  }
  if (!items.length && !errorCount) fail(new TokenscopeError(ErrorCode.INVALID_CODES, `${path}: holds no code matrix`, { path }));
  return { items, errors, errorCount };
}

/**
 * Ingests code files (and folders of them) into a corpus. Each file is one transaction: either
 * all its matrices are stored or none (unless skipBadItems); a failing file never stops the batch.
 */
export async function ingestCodeFiles(store: Store, paths: readonly string[], options: IngestCodesOptions): Promise<IngestFileResult[]> {
  const model = options.model ?? DEFAULT_EXTERNAL_MODEL;
  const results: IngestFileResult[] = [];
  for (const path of await listCodeFiles(paths)) {
    const orientation = options.orientation ? { orientation: options.orientation } : {};
    const read =
      extname(path).toLowerCase() === '.parquet'
        ? (visit: (batch: readonly CodeParseResult[]) => void) => readParquetCodes(store.db, path, { ...options.parquet, ...orientation }, visit)
        : async (visit: (batch: readonly CodeParseResult[]) => void) => {
            for await (const batch of readCodeFileBatches(path, orientation)) visit(batch);
          };
    const { items, errors, errorCount } = await readAll(read, path, options.skipBadItems ?? false);
    const storable = errorCount && !options.skipBadItems ? [] : items;
    const outcomes = storable.length ? await storeItems(store, options.corpus, model, storable) : [];
    const partial = {
      path,
      ingested: outcomes.filter((o) => o.status === 'ingested').length,
      alreadyPresent: outcomes.filter((o) => o.status === 'already-present').length,
      audioIds: outcomes.map((o) => o.audioId),
      errors,
      errorCount,
    };
    const result = { ...partial, status: statusOf(partial, storable.length) };
    results.push(result);
    options.onFile?.(result);
  }
  return results;
}
