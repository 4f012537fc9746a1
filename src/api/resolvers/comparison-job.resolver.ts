import { Args, Arg, Ctx, ID, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { ErrorCode, TokenscopeError, notFound } from '../../errors.js';
import { checkComparison, compareDetectors } from '../../query/compare-detectors.js';
import type { ComparisonJob as Job } from '../../query/comparison-jobs.js';
import { comparisonFraction } from '../../query/comparison-progress.js';
import { COMPARISON_LIMITS, comparisonSpec } from '../comparison-spec.js';
import type { ApiContext } from '../context.js';
import { COST, storeRead, uncappedList } from '../costs.js';
import { ComparisonArgs } from '../inputs/comparison.args.js';
import { LIMITS } from '../limits.js';
import { ComparisonJob, ComparisonJobPhase, ComparisonStep } from '../types/comparison-job.type.js';

const phases = { queued: ComparisonJobPhase.QUEUED, running: ComparisonJobPhase.RUNNING, succeeded: ComparisonJobPhase.SUCCEEDED, failed: ComparisonJobPhase.FAILED } as const;
const steps = { reading: ComparisonStep.READING, scoring: ComparisonStep.SCORING, storing: ComparisonStep.STORING } as const;

/** A failure as the job reports it: a domain error's code and message; anything else masked (and logged once, with its stack, when it happened). */
function failure(error: Error): { error: string; errorCode: string } {
  if (error instanceof TokenscopeError) return { error: error.message, errorCode: error.code };
  return { error: 'internal error (see the server log)', errorCode: ErrorCode.INTERNAL };
}

function toJob(job: Job): ComparisonJob {
  const s = job.state;
  const progress = s.phase === 'queued' ? null : s.progress;
  return {
    id: job.id,
    corpus: job.corpus,
    name: job.name,
    createdAt: job.createdAt,
    phase: phases[s.phase],
    step: progress ? steps[progress.step] : null,
    configurationsTotal: progress?.configurationsTotal ?? 0,
    configurationsDone: progress?.configurationsDone ?? 0,
    audiosTotal: progress?.audiosTotal ?? 0,
    audiosDone: progress?.audiosDone ?? 0,
    fraction: s.phase === 'succeeded' ? 1 : progress ? comparisonFraction(progress) : 0,
    runId: s.phase === 'succeeded' ? String(s.runId) : null,
    ...(s.phase === 'failed' ? failure(s.error) : { error: null, errorCode: null }),
  };
}

@UseMiddleware(budgetMiddleware)
@Resolver()
export class ComparisonJobResolver {
  @Mutation(() => ComparisonJob, {
    description:
      `Starts compareDetectors as a background job and returns it at once: poll comparisonJob(id) for its progress and, once SUCCEEDED, its runId. Takes the same arguments and stores the same run. ` +
      `Bad arguments fail at once (as compareDetectors would: INVALID_ARGUMENT, NOT_FOUND for an unknown corpus or detector, LIMIT_EXCEEDED, PATH_OUTSIDE_ROOTS); what only the data can tell (no labels, MODEL_MISMATCH) fails the job with its code. ` +
      `Comparisons run one at a time; at most ${LIMITS.maxActiveComparisons} may be queued or running (LIMIT_EXCEEDED beyond). Cost: ${COST.store} + selection; returns at once, so it is exempt from the request time budget.`,
    complexity: storeRead(),
  })
  async startComparison(@Args() args: ComparisonArgs, @Ctx() ctx: ApiContext): Promise<ComparisonJob> {
    const spec = await comparisonSpec(args, ctx);
    checkComparison(ctx.registry, spec, COMPARISON_LIMITS);
    await ctx.store.corpora.requireByNames([spec.corpus]);
    const { store, registry } = ctx;
    const job = ctx.comparisons.start({ corpus: spec.corpus, name: spec.name ?? null }, async (watch) => {
      try {
        return (await compareDetectors(store, registry, spec, COMPARISON_LIMITS, watch)).id;
      } catch (err) {
        if (!(err instanceof TokenscopeError)) console.error(`comparison on corpus ${spec.corpus} failed:`, err);
        throw err;
      }
    });
    return toJob(job);
  }

  @Query(() => ComparisonJob, { description: `A background comparison of this server process; NOT_FOUND when unknown. Cost: 1 + selection.` })
  comparisonJob(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): ComparisonJob {
    const job = ctx.comparisons.get(id);
    if (!job) throw notFound(`comparison job ${id} does not exist (jobs live in the server process; the latest 100 finished ones are kept)`, { argument: 'id', jobId: id });
    return toJob(job);
  }

  @Query(() => [ComparisonJob], { description: `Background comparisons of this server process, oldest first. Cost: 1 + ${COST.assumedList} × selection.`, complexity: uncappedList(1) })
  comparisonJobs(@Ctx() ctx: ApiContext): ComparisonJob[] {
    return ctx.comparisons.list().map(toJob);
  }
}
