import { rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import { exportDataset } from '../datasets/export-dataset.js';
import type { DatasetExport } from '../datasets/export-dataset.js';
import { openStore } from '../store/store.js';
import { mergeShards } from './merge-shards.js';
import type { MergeReport } from './merge-shards.js';

/** What mergeShardsToDataset did: the merge, and the dataset written. */
export interface MergedDataset extends MergeReport {
  dataset: DatasetExport;
}

/**
 * Merges shards into a Parquet dataset at `out` (absolute; must not exist), the format of
 * `tokenscope export`: the shards are merged into a scratch store beside `out`
 * (`.<name>.merging-<pid>-<ms>.duckdb`, so memory stays DuckDB's and not the shards' size), every
 * corpus is exported from it, and the scratch store is removed. The same checks and errors as
 * mergeShards and exportDataset; ALREADY_EXISTS when `out` exists (checked first).
 */
export async function mergeShardsToDataset(paths: readonly string[], out: string): Promise<MergedDataset> {
  if (await stat(out).then(() => true, () => false)) {
    throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `out ${clip(out, 300)} already exists; name a folder that does not exist yet (a merge never writes into or over one)`, { argument: 'out', path: clip(out, 300) });
  }
  const scratch = join(dirname(out), `.${basename(out)}.merging-${process.pid}-${Date.now()}.duckdb`);
  const store = await openStore(scratch, { readConnections: 1 });
  try {
    const report = await mergeShards(paths, store);
    const dataset = await exportDataset(store, { kind: 'all' }, out);
    return { ...report, dataset };
  } finally {
    await store.close();
    for (const f of [scratch, `${scratch}.wal`]) await rm(f, { force: true });
  }
}
