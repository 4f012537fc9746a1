import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { exportDataset } from '../../datasets/export-dataset.js';
import { importDataset } from '../../datasets/import-dataset.js';
import { invalidArgument } from '../../errors.js';
import { checkCorpusName } from '../../query/check-corpus-name.js';
import { checkLimit } from '../../query/check-limit.js';
import { DATASET_TABLES } from '../../store/parquet-dataset.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, storeRead } from '../costs.js';
import { resolveInsideRoots, writablePath } from '../data-roots.js';
import { LIMITS } from '../limits.js';
import { DatasetExport, DatasetImport } from '../types/dataset.type.js';

@UseMiddleware(budgetMiddleware)
@Resolver()
export class DatasetResolver {
  @Mutation(() => DatasetExport, {
    description: `Writes corpora (at most ${LIMITS.maxCorpora}, or all) as a Hive-partitioned Parquet dataset with a dataset.json manifest, into server-side folder \`out\`, which must not exist and whose parent lies inside the data roots (the CLI's own requests: anywhere its user may write). Written to a temporary sibling folder and renamed into place at the end. NOT_FOUND for an unknown corpus; ALREADY_EXISTS when out exists. Cost: ${COST.dataset} + selection.`,
    complexity: storeRead(COST.dataset),
  })
  async exportDataset(
    @Arg('out', { description: 'Dataset folder to create.' }) out: string,
    @Ctx() ctx: ApiContext,
    @Arg('corpora', () => [String], { nullable: true, description: 'Corpora to export; omit with all: true for every corpus.' }) corpora?: string[] | null,
    @Arg('all', { defaultValue: false, description: 'Export every corpus.' }) all?: boolean,
  ): Promise<DatasetExport> {
    if (all && corpora?.length) throw invalidArgument('give corpora or all: true, not both', { argument: 'all' });
    if (!all) checkLimit('corpora (count)', corpora?.length ?? 0, LIMITS.maxCorpora);
    const path = await writablePath(out, ctx.config.dataRoots);
    const written = await exportDataset(ctx.store, all ? { kind: 'all' } : { kind: 'corpora', names: corpora ?? [] }, path);
    return { path: written.path, corpora: written.corpora, tables: DATASET_TABLES.map((t) => ({ name: t.name, rows: written.rows[t.name] })) };
  }

  @Mutation(() => DatasetImport, {
    description: `Imports a tokenscope Parquet dataset (exportDataset's) from server-side folder \`path\` inside the data roots: checked whole first (INVALID_DATASET naming the file, row group, row and value), then stored in one transaction, so a failure stores nothing. Audios already stored with the same identity (corpus, model, content sha256) are left as they are. Cost: ${COST.dataset} + selection.`,
    complexity: storeRead(COST.dataset),
  })
  async importDataset(
    @Arg('path', { description: 'The dataset folder (holding dataset.json).' }) path: string,
    @Ctx() ctx: ApiContext,
    @Arg('corpus', () => String, { nullable: true, description: 'Import the dataset\'s one corpus under this name.' }) corpus?: string | null,
  ): Promise<DatasetImport> {
    if (corpus !== null && corpus !== undefined) checkCorpusName(corpus);
    return importDataset(ctx.store, await resolveInsideRoots(path, ctx.config.dataRoots), corpus ?? null);
  }
}
