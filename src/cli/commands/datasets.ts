import { resolve } from 'node:path';
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

/** Options of `tokenscope import`. */
export interface ImportOptions extends DbOptions {
  corpus?: string;
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

/** Imports a tokenscope Parquet dataset (tokenscope export's) from `dir`. */
export async function importCommand(dir: string, options: ImportOptions): Promise<number> {
  return withApp(options, async (app) => {
    const r = (await execute(app, ImportDatasetDocument, { path: resolve(dir), corpus: options.corpus ?? null })).data.importDataset;
    console.log(`imported into ${r.corpora.join(', ')}: ${r.audios} audios stored (${r.frames.toLocaleString('en-US')} frames, ${r.labels} labels), ${r.alreadyPresent} already present, ${r.evaluationRuns} evaluation runs`);
    return 0;
  });
}
