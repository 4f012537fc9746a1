import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingestCodesCommand } from './ingest-codes.js';
import type { IngestCodesCliOptions } from './ingest-codes.js';
import { ExportDatasetDocument, ImportDatasetDocument } from '../../client/generated/graphql.js';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope export`. */
export interface ExportOptions extends DbOptions {
  corpus?: string[];
  all?: boolean;
  out: string;
}

/** Options of `tokenscope import`: a dataset's (`corpus` renames its one corpus) or, for Parquet code sets, ingest-codes'. */
export interface ImportOptions extends DbOptions, Omit<IngestCodesCliOptions, 'corpus'> {
  corpus?: string;
}

/** True for a folder holding a tokenscope dataset's manifest. */
function isDataset(path: string): boolean {
  return existsSync(join(path, 'dataset.json')) && statSync(path).isDirectory();
}

/** Writes corpora (--corpus, repeated, or --all) as a Parquet dataset into --out, which must not exist. */
export async function exportCommand(options: ExportOptions): Promise<number> {
  const corpora = options.corpus ?? [];
  if (!options.all && !corpora.length) throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, 'export needs --corpus <name> (repeatable) or --all; received neither');
  if (options.all && corpora.length) throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `export takes --corpus or --all, not both; received --all and --corpus ${corpora.join(', ')}`);
  return withApp(options, async (app) => {
    const out = resolve(options.out);
    const written = (await execute(app, ExportDatasetDocument, options.all ? { out, all: true } : { out, corpora })).data.exportDataset;
    console.log(formatTable(['table', 'rows'], written.tables.map((t) => [t.name, t.rows.toLocaleString('en-US')])));
    console.log(`\nwrote ${written.corpora.length} corpora (${written.corpora.join(', ')}) to ${written.path}`);
    return 0;
  });
}

/**
 * Imports a tokenscope Parquet dataset (tokenscope export's: one folder holding dataset.json), or
 * published Parquet code sets (files, or folders of them without dataset.json), which go in as
 * `ingest-codes` takes them, into --corpus.
 */
export async function importCommand(paths: readonly string[], options: ImportOptions): Promise<number> {
  const datasets = paths.filter((p) => isDataset(resolve(p)));
  if (datasets.length && paths.length > 1) {
    throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `import takes one tokenscope dataset folder at a time, or Parquet code sets; received ${paths.length} paths, of which ${datasets.join(', ')} hold dataset.json`, { paths });
  }
  if (!datasets.length) {
    if (!options.corpus) throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `import of Parquet code sets (${paths.join(', ')}: no dataset.json, so not a tokenscope dataset) needs --corpus <name> to ingest into`, { paths });
    return ingestCodesCommand([...paths], { ...options, corpus: options.corpus });
  }
  const codeSetOptions = (['model', 'orientation', 'codesColumn', 'textColumn', 'metadataColumns', 'skipBadItems'] as const).filter((k) => options[k] !== undefined);
  if (codeSetOptions.length) throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `${paths[0]} is a tokenscope dataset (it holds dataset.json); ${codeSetOptions.join(', ')} apply to Parquet code sets only`, { options: codeSetOptions });
  const dir = paths[0]!;
  return withApp(options, async (app) => {
    const r = (await execute(app, ImportDatasetDocument, { path: resolve(dir), corpus: options.corpus ?? null })).data.importDataset;
    console.log(`imported into ${r.corpora.join(', ')}: ${r.audios} audios stored (${r.frames.toLocaleString('en-US')} frames, ${r.labels} labels), ${r.alreadyPresent} already present, ${r.evaluationRuns} evaluation runs`);
    return 0;
  });
}
