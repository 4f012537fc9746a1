import { resolve } from 'node:path';
import { IngestCodesDocument } from '../../client/generated/graphql.js';
import type { IngestCodesMutation, MatrixOrientation } from '../../client/generated/graphql.js';
import { listCodeFileEntries } from '../../ingest/list-code-files.js';
import { describeShard, parseShard, takeShard } from '../../ingest/shard-split.js';
import { execute } from '../execute.js';
import { failureReason } from '../failure-reason.js';
import { formatTable } from '../format-table.js';
import { progressBar } from '../progress-bar.js';
import { interruption } from '../interrupt.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope ingest-codes`. */
export interface IngestCodesCliOptions extends DbOptions {
  corpus: string;
  model?: string;
  orientation?: string;
  skipBadItems?: boolean;
  /** Parquet code sets: the codes column, the text column, metadata columns (comma-separated). */
  codesColumn?: string;
  textColumn?: string;
  metadataColumns?: string;
  /** `i/n`: ingest only shard i (1-based) of n of the files (shard-split.ts; a JSONL file of many matrices goes whole to one shard). */
  shard?: string;
}

/** The ParquetColumnsInput of the options, or null when none is given. */
export function parquetColumns(options: Pick<IngestCodesCliOptions, 'codesColumn' | 'textColumn' | 'metadataColumns'>) {
  if (options.codesColumn === undefined && options.textColumn === undefined && options.metadataColumns === undefined) return null;
  return {
    codesColumn: options.codesColumn ?? null,
    textColumn: options.textColumn ?? null,
    metadataColumns: options.metadataColumns === undefined ? null : options.metadataColumns.split(',').map((c) => c.trim()).filter((c) => c.length > 0),
  };
}

type FileResult = IngestCodesMutation['ingestCodes']['files'][number];

/** Ingests code files one mutation per file, with a progress bar and a closing summary; returns the exit code. */
export async function ingestCodesCommand(paths: string[], options: IngestCodesCliOptions): Promise<number> {
  const orientation = options.orientation === undefined ? undefined : (options.orientation.toUpperCase().replace('-', '_') as MatrixOrientation);
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  return withApp(options, async (app) => {
    const listed = await listCodeFileEntries(paths.map((p) => resolve(p)));
    const files = takeShard(listed, shard).map((f) => f.path);
    if (shard) console.error(describeShard(shard, files.length, listed.length));
    const bar = progressBar('ingest {bar} {value}/{total} files | {audios} audios | {rate} files/s | ETA {eta_formatted}');
    bar.start(files.length, 0, { audios: 0, rate: '0.0' });
    const started = performance.now();
    const results: FileResult[] = [];
    let audios = 0;
    for (const file of files) {
      if (interruption.aborted) break; // Ctrl-C / SIGTERM: stop between files; what was stored stays
      const { data } = await execute(app, IngestCodesDocument, {
        corpus: options.corpus,
        paths: [file],
        model: options.model ?? null,
        orientation: orientation ?? null,
        skipBadItems: options.skipBadItems ?? false,
        parquet: parquetColumns(options),
      });
      results.push(...data.ingestCodes.files);
      audios += data.ingestCodes.ingested + data.ingestCodes.alreadyPresent;
      bar.increment(1, { audios, rate: (results.length / ((performance.now() - started) / 1000)).toFixed(1) });
    }
    bar.stop();
    printSummary(results);
    const notStarted = files.length - results.length;
    if (notStarted) console.log(`${notStarted} of ${files.length} files not started (interrupted: run the same command again to resume)`);
    return results.some((r) => r.errors.length) || notStarted ? 1 : 0;
  });
}

function printSummary(results: readonly FileResult[]): void {
  const sum = (f: (r: FileResult) => number) => results.reduce((a, r) => a + f(r), 0);
  console.log(
    formatTable(
      ['file', 'status', 'ingested', 'already present', 'reason'],
      results.map((r) => [r.path, r.status, r.ingested, r.alreadyPresent, failureReason(r.errors, r.path)]),
    ),
  );
  const failed = results.filter((r) => r.errors.length);
  console.log(`\n${sum((r) => r.ingested)} audios ingested, ${sum((r) => r.alreadyPresent)} already present, ${failed.length} of ${results.length} files with errors`);
  for (const r of failed) {
    for (const e of r.errors) console.error(`error [${e.code}]: ${e.message}`);
    const more = r.errorCount - r.errors.length;
    if (more > 0) console.error(`… and ${more.toLocaleString('en-US')} more errors in this file`);
  }
}
