import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import { DATASET_TABLES } from '../store/parquet-dataset.js';
import { DATASET_FORMAT, DATASET_FORMAT_VERSION, MANIFEST_FILE } from './layout.js';
import type { DatasetManifest } from './layout.js';

function invalid(message: string, details: Record<string, unknown>): TokenscopeError {
  return new TokenscopeError(ErrorCode.INVALID_DATASET, message, details);
}

/**
 * Reads and checks the dataset.json of the dataset at `dir`: a tokenscope dataset of this format
 * version that lists every table, each with its folder present. UNREADABLE_FILE when there is no
 * dataset.json; INVALID_DATASET naming the file and what is wrong otherwise.
 */
export async function readManifest(dir: string): Promise<DatasetManifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${clip(dir, 300)}: no ${MANIFEST_FILE} there; a tokenscope dataset (tokenscope export) has one at its root`, { path: clip(file, 300) });
  }
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(text) as DatasetManifest;
  } catch (err) {
    throw invalid(`${clip(file, 300)}: not JSON (${(err as Error).message})`, { path: clip(file, 300) });
  }
  if (manifest?.format !== DATASET_FORMAT || manifest.formatVersion !== DATASET_FORMAT_VERSION) {
    throw invalid(`${clip(file, 300)}: expected format "${DATASET_FORMAT}" version ${DATASET_FORMAT_VERSION}; received format ${JSON.stringify(manifest?.format)} version ${JSON.stringify(manifest?.formatVersion)}`, { path: clip(file, 300) });
  }
  if (!Array.isArray(manifest.tables)) throw invalid(`${clip(file, 300)}: expected a list of tables; received ${JSON.stringify(manifest.tables)}`, { path: clip(file, 300) });
  for (const t of DATASET_TABLES) {
    const listed = manifest.tables.find((m) => m?.name === t.name);
    if (!listed) throw invalid(`${clip(file, 300)}: table ${t.name} is missing; a dataset has the tables ${DATASET_TABLES.map((x) => x.name).join(', ')}`, { path: clip(file, 300), table: t.name });
    const folder = join(dir, t.name);
    if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) {
      throw invalid(`${clip(folder, 300)}: table ${t.name} is missing (no such folder; ${MANIFEST_FILE} says it has ${listed.rows} rows)`, { path: clip(folder, 300), table: t.name });
    }
  }
  return manifest;
}
