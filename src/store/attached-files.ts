import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';
import type { DatasetTableName } from './parquet-dataset.js';

/** One Parquet file of an attached dataset, as it was when attached. */
export interface AttachedFile {
  table: DatasetTableName;
  /** The dataset's corpus whose rows it holds (its partition folder). */
  corpus: string;
  /** Path relative to the dataset's folder. */
  path: string;
  sizeBytes: number;
  /** Modification time, ms since the epoch. */
  mtimeMs: number;
}

/**
 * DATASET_CHANGED naming the first of `files` (under `dir`, of dataset `name`) whose size or
 * modification time is not what it was when attached, or that is gone: the pre-aggregates and
 * ids read from it could no longer be trusted.
 */
export async function requireUnchanged(name: string, dir: string, files: readonly AttachedFile[]): Promise<void> {
  const found = await Promise.all(files.map((f) => stat(join(dir, f.path)).then((s) => ({ size: s.size, mtimeMs: s.mtimeMs }), () => null)));
  files.forEach((f, i) => {
    const now = found[i];
    if (now && now.size === f.sizeBytes && now.mtimeMs === f.mtimeMs) return;
    const full = clip(join(dir, f.path), 300);
    const what = now
      ? `is ${now.size} bytes, modified ${new Date(now.mtimeMs).toISOString()}; when attached it was ${f.sizeBytes} bytes, modified ${new Date(f.mtimeMs).toISOString()}`
      : 'is gone';
    throw new TokenscopeError(ErrorCode.DATASET_CHANGED, `attached dataset ${excerpt(name)}: file ${full} ${what}; detach the dataset and attach it again`, {
      dataset: clip(name),
      path: full,
      table: f.table,
    });
  });
}
