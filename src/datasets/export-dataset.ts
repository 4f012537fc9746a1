import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import { DATASET_TABLES, copyDatasetTables } from '../store/parquet-dataset.js';
import type { TableRowCounts } from '../store/parquet-dataset.js';
import type { Store } from '../store/store.js';
import { MANIFEST_FILE, buildManifest } from './layout.js';

/** What to export: named corpora, or every corpus. */
export type ExportSelection = { kind: 'corpora'; names: readonly string[] } | { kind: 'all' };

/** What an export wrote. */
export interface DatasetExport {
  /** The dataset's folder (absolute). */
  path: string;
  corpora: string[];
  rows: TableRowCounts;
}

/**
 * Writes the selected corpora as a Parquet dataset at `out` (absolute; must not exist): every
 * table under a temporary sibling folder `.<name>.partial-<pid>-<ms>`, then dataset.json, then one
 * rename into place, so an interrupted export leaves no folder at `out` that looks whole (only the
 * partial one, which the next export of the same name does not reuse). NOT_FOUND for an unknown
 * corpus; ALREADY_EXISTS when `out` exists; INVALID_ARGUMENT for an empty selection.
 */
export async function exportDataset(store: Store, selection: ExportSelection, out: string): Promise<DatasetExport> {
  const corpora = selection.kind === 'all' ? await store.corpora.list() : await store.corpora.requireByNames([...new Set(selection.names)]);
  if (!corpora.length) throw invalidArgument(selection.kind === 'all' ? 'the store holds no corpus to export' : 'corpora must name at least one corpus; received none', { argument: 'corpora' });
  if (await stat(out).then(() => true, () => false)) {
    throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `out ${clip(out, 300)} already exists; name a folder that does not exist yet (an export never writes into or over one)`, { argument: 'out', path: clip(out, 300) });
  }
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}-${Date.now()}`);
  await mkdir(partial, { recursive: true });
  try {
    // Every table gets its folder, even without rows, so a reader can tell "empty" from "missing".
    for (const t of DATASET_TABLES) await mkdir(join(partial, t.name));
    const rows = await copyDatasetTables(store.db, corpora.map((c) => c.id), partial);
    const names = corpora.map((c) => c.name);
    await writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(buildManifest(names, rows, new Date()), null, 2)}\n`);
    await rename(partial, out);
    return { path: out, corpora: names.sort(), rows };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}
