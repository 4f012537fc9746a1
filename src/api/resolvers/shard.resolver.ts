import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { checkLimit } from '../../query/check-limit.js';
import { mergeShards } from '../../shards/merge-shards.js';
import { mergeShardsToDataset } from '../../shards/merge-to-dataset.js';
import { DATASET_TABLES } from '../../store/parquet-dataset.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, storeRead } from '../costs.js';
import { resolveInsideRoots, writablePath } from '../data-roots.js';
import { LIMITS } from '../limits.js';
import { ShardMergeReport } from '../types/shard-merge.type.js';

@UseMiddleware(budgetMiddleware)
@Resolver()
export class ShardResolver {
  @Mutation(() => ShardMergeReport, {
    description: `Merges shards (tokenscope stores written by separate \`ingest --shard i/n\` processes; server-side paths inside the data roots, at most ${LIMITS.maxIngestPaths}) into this store, or, with out, into a new Parquet dataset (exportDataset's format) at out, leaving this store as it is. Each shard is attached read-only and copied in one transaction; corpus token counts are summed, not rescanned. INVALID_ARGUMENT for a shard at another schema version or not a tokenscope store; SHARD_CONFLICT for one audio with other codes in two shards; DATABASE_BUSY for a shard another process holds. Cost: ${COST.dataset} + selection.`,
    complexity: storeRead(COST.dataset),
  })
  async mergeShards(
    @Arg('shards', () => [String], { description: 'Shard files (.duckdb), merged in this order.' }) shards: string[],
    @Ctx() ctx: ApiContext,
    @Arg('out', () => String, { nullable: true, description: 'Write a dataset to this folder (must not exist) instead of merging into the store.' }) out?: string | null,
  ): Promise<ShardMergeReport> {
    checkLimit('shards (count)', shards.length, LIMITS.maxIngestPaths);
    const paths: string[] = [];
    for (const p of shards) paths.push(await resolveInsideRoots(p, ctx.config.dataRoots));
    if (out === null || out === undefined) return { ...(await mergeShards(paths, ctx.store)), dataset: null };
    const merged = await mergeShardsToDataset(paths, await writablePath(out, ctx.config.dataRoots));
    const d = merged.dataset;
    return { shards: merged.shards, seconds: merged.seconds, dataset: { path: d.path, corpora: d.corpora, tables: DATASET_TABLES.map((t) => ({ name: t.name, rows: d.rows[t.name] })) } };
  }
}
