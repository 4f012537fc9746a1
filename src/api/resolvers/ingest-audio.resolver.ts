import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { notFound } from '../../errors.js';
import { ingestAudioFiles } from '../../ingest/ingest-audio-files.js';
import { checkShard } from '../../ingest/shard-split.js';
import type { IngestJob as Job } from '../../ingest/ingest-job.js';
import { checkCorpusName } from '../../query/check-corpus-name.js';
import { checkLimit } from '../../query/check-limit.js';
import type { ApiContext } from '../context.js';
import { resolveInsideRoots } from '../data-roots.js';
import { LIMITS } from '../limits.js';
import { toIngestFileResult } from '../mappers.js';
import { ShardInput } from '../inputs/shard.input.js';
import { IngestJob, IngestJobPhase } from '../types/ingest-job.type.js';
import { COST, storeRead, uncappedList } from '../costs.js';

const phases = { queued: IngestJobPhase.QUEUED, running: IngestJobPhase.RUNNING, succeeded: IngestJobPhase.SUCCEEDED, failed: IngestJobPhase.FAILED } as const;

function toJob(job: Job): IngestJob {
  const s = job.state;
  const progress = s.phase === 'queued' ? { filesTotal: 0, filesDone: 0, audioSecondsDone: 0, audioSecondsTotal: 0, currentFiles: [] } : s.progress;
  return {
    id: job.id,
    corpus: job.corpus,
    model: job.model,
    device: job.device,
    paths: job.paths,
    createdAt: job.createdAt,
    phase: phases[s.phase],
    ...progress,
    results: s.phase === 'succeeded' ? s.results.map(toIngestFileResult) : [],
    error: s.phase === 'failed' ? s.error.message : null,
  };
}

@UseMiddleware(budgetMiddleware)
@Resolver()
export class IngestAudioResolver {
  @Mutation(() => IngestJob, {
    description: `Starts ingesting audio files (wav, flac, mp3, ogg) or folders of them, by server-side path inside the data roots (at most ${LIMITS.maxIngestPaths} paths), as a background job: poll ingestJob(id). Paths outside the roots, an unknown model or a bad option fail at once; bad files fail one by one in the job's results. Cost: ${COST.store} + selection; returns at once, so it is exempt from the request time budget.`,
    complexity: storeRead(),
  })
  async ingestAudio(
    @Arg('corpus', { description: 'Target corpus; created when absent.' }) corpus: string,
    @Arg('paths', () => [String]) paths: string[],
    @Ctx() ctx: ApiContext,
    @Arg('model', () => String, { nullable: true, description: 'Encoder model id (default: the server\'s default model).' }) model?: string | null,
    @Arg('concurrency', () => Int, { defaultValue: 1, description: 'Files encoded at once, 1..8.' }) concurrency = 1,
    @Arg('shard', () => ShardInput, { nullable: true, description: 'Ingest only this shard of the files (one ingest process per shard; docs/datasets.md, "Shards and merge").' }) shard?: ShardInput | null,
  ): Promise<IngestJob> {
    ctx.store.corpora.requireWritable(corpus, 'ingesting');
    checkCorpusName(corpus);
    if (shard) checkShard(shard);
    checkLimit('paths (count)', paths.length, LIMITS.maxIngestPaths);
    checkLimit('concurrency', concurrency, 8);
    const allowed: string[] = [];
    for (const p of paths) allowed.push(await resolveInsideRoots(p, ctx.config.dataRoots));
    const encoder = await ctx.audio.encoders.get(model);
    const { store, audio } = ctx;
    const device = `${encoder.info.device} (${encoder.info.deviceReason})`;
    const job = audio.jobs.start({ corpus, model: encoder.modelId, device, paths }, (report, shouldStop) =>
      ingestAudioFiles(store, allowed, audio.input, encoder, { corpus, concurrency, onProgress: report, shouldStop, shard: shard ?? null }),
    );
    return toJob(job);
  }

  @Mutation(() => IngestJob, {
    description: `Asks a background ingest to stop after the files in hand: what was stored stays, the files not started are reported as not started, and the same ingest run again resumes. A finished job is returned as it is; NOT_FOUND when this server process does not know the job. Cost: ${COST.store} + selection.`,
    complexity: storeRead(),
  })
  stopIngestJob(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): IngestJob {
    const job = ctx.audio.jobs.stop(id);
    if (!job) throw notFound(`ingest job ${id} does not exist (jobs live in the server process)`, { jobId: id });
    return toJob(job);
  }

  @Query(() => IngestJob, { description: 'A background ingest of this server process; NOT_FOUND when unknown.' })
  ingestJob(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): IngestJob {
    const job = ctx.audio.jobs.get(id);
    if (!job) throw notFound(`ingest job ${id} does not exist (jobs live in the server process)`, { jobId: id });
    return toJob(job);
  }

  @Query(() => [IngestJob], { description: `Background ingests of this server process, oldest first. Cost: 1 + ${COST.assumedList} × selection.`, complexity: uncappedList(1) })
  ingestJobs(@Ctx() ctx: ApiContext): IngestJob[] {
    return ctx.audio.jobs.list().map(toJob);
  }
}
