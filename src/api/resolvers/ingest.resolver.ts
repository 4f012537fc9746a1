import type { GraphQLError } from 'graphql';
import { Arg, Ctx, Mutation, Resolver, UseMiddleware, registerEnumType } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { TokenscopeError } from '../../errors.js';
import { DEFAULT_EXTERNAL_MODEL, ingestCodeFiles } from '../../ingest/ingest-codes.js';
import type { IngestFileResult as IngestFileOutcome } from '../../ingest/ingest-codes.js';
import { checkCorpusName } from '../../query/check-corpus-name.js';
import { checkLimit } from '../../query/check-limit.js';
import type { ApiContext } from '../context.js';
import { resolveInsideRoots } from '../data-roots.js';
import { toGraphQLError } from '../error-format.js';
import { LIMITS } from '../limits.js';
import { toIngestFileResult } from '../mappers.js';
import { IngestReport } from '../types/ingest-report.type.js';
import { COST, eachOf } from '../costs.js';
import { ParquetColumnsInput } from '../inputs/parquet-columns.input.js';

/** Orientation of square arrays, which cannot be told from the shape. */
export enum MatrixOrientation {
  FRAME_MAJOR = 'frame-major',
  LAYER_MAJOR = 'layer-major',
}
registerEnumType(MatrixOrientation, { name: 'MatrixOrientation', description: 'FRAME_MAJOR: N × 16 (the official tokenizer); LAYER_MAJOR: 16 × N (as the guide prints).' });

/** A file's listed errors as top-level errors, plus one counting those it has beyond them. */
function fileErrors(f: IngestFileOutcome, path: readonly (string | number)[]): GraphQLError[] {
  const listed = f.errors.map((e) => toGraphQLError(e, path));
  const more = (f.errorCount ?? f.errors.length) - f.errors.length;
  if (more <= 0 || f.errors[0] === undefined) return listed;
  const note = new TokenscopeError(f.errors[0].code, `${f.path}: … and ${more.toLocaleString('en-US')} more errors in this file`, { path: f.path, errorCount: f.errorCount });
  return [...listed, toGraphQLError(note, path)];
}

@UseMiddleware(budgetMiddleware)
@Resolver()
export class IngestResolver {
  @Mutation(() => IngestReport, {
    description: `Ingests code files (.jsonl official format, .npy, .json, .parquet code sets) or folders of them, by server-side path inside the data roots; at most ${LIMITS.maxIngestPaths} paths. Each file is stored whole or not at all; failures are listed per file and in the response errors, and never stop the batch. Cost: ${COST.store} per path + selection.`,
    complexity: eachOf('paths', COST.store),
  })
  async ingestCodes(
    @Arg('corpus', { description: 'Target corpus; created when absent.' }) corpus: string,
    @Arg('paths', () => [String]) paths: string[],
    @Ctx() ctx: ApiContext,
    @Arg('model', () => String, { nullable: true, description: `Model identity to record; default ${DEFAULT_EXTERNAL_MODEL}.` }) model?: string | null,
    @Arg('orientation', () => MatrixOrientation, { nullable: true, description: 'Needed for 16 × 16 arrays only.' }) orientation?: MatrixOrientation | null,
    @Arg('skipBadItems', { defaultValue: false, description: 'Store the good matrices of a file that has bad ones.' }) skipBadItems?: boolean,
    @Arg('parquet', () => ParquetColumnsInput, { nullable: true, description: 'Columns of .parquet code sets.' }) parquet?: ParquetColumnsInput | null,
  ): Promise<IngestReport> {
    ctx.store.corpora.requireWritable(corpus, 'ingesting');
    checkCorpusName(corpus);
    checkLimit('paths (count)', paths.length, LIMITS.maxIngestPaths);
    if (parquet?.metadataColumns) checkLimit('parquet.metadataColumns (count)', parquet.metadataColumns.length, LIMITS.maxMetadataColumns);
    const columns = parquet
      ? {
          ...(parquet.codesColumn ? { codesColumn: parquet.codesColumn } : {}),
          ...(parquet.textColumn ? { textColumn: parquet.textColumn } : {}),
          ...(parquet.metadataColumns ? { metadataColumns: parquet.metadataColumns } : {}),
        }
      : {};
    const files: IngestFileOutcome[] = [];
    const usedModel = model ?? DEFAULT_EXTERNAL_MODEL;
    // One path at a time, so the report lists files in the order they were given.
    for (const p of paths) {
      try {
        const allowed = await resolveInsideRoots(p, ctx.config.dataRoots);
        files.push(...(await ingestCodeFiles(ctx.store, [allowed], { corpus, model: usedModel, ...(orientation ? { orientation } : {}), skipBadItems: skipBadItems ?? false, parquet: columns })));
      } catch (err) {
        if (!(err instanceof TokenscopeError)) throw err;
        files.push({ path: p, ingested: 0, alreadyPresent: 0, audioIds: [], errors: [err], errorCount: 1, status: 'failed' });
      }
    }
    files.forEach((f, i) => ctx.partialErrors.push(...fileErrors(f, ['ingestCodes', 'files', i])));
    return {
      corpus,
      model: usedModel,
      files: files.map(toIngestFileResult),
      ingested: files.reduce((a, f) => a + f.ingested, 0),
      alreadyPresent: files.reduce((a, f) => a + f.alreadyPresent, 0),
      failedFiles: files.filter((f) => f.errors.length).length,
    };
  }
}
