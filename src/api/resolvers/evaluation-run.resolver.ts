import { resolveInsideRoots } from '../data-roots.js';
import { COMPARISON_LIMITS, comparisonSpec } from '../comparison-spec.js';
import { LabelFormatEnum } from '../types/label-file.type.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { addExternalDetections } from '../../query/add-external-detections.js';
import { asEvaluationRun, compareDetectors } from '../../query/compare-detectors.js';
import { rowDifference } from '../../query/row-difference.js';
import { PairedDifference } from '../types/paired-difference.type.js';
import type { ApiContext } from '../context.js';
import { parseId } from '../ids.js';
import { DetectorConfigInput } from '../inputs/detector-config.input.js';
import { LIMITS } from '../limits.js';
import { toCorpus, toEvaluationRun, toPairedDifference } from '../mappers.js';
import { Corpus } from '../types/corpus.type.js';
import { EvaluationRun } from '../types/evaluation-run.type.js';
import { COST, storeRead, uncappedList } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => EvaluationRun)
export class EvaluationRunResolver {
  @Mutation(() => EvaluationRun, {
    description:
      `Compares detector configurations on a labelled corpus and stores the leaderboard as an evaluation run. The reference is the corpus's stored labels, or the label file named by labels (a server-side path inside the data roots; it is not stored, and configurations trained on the evaluated corpus train on it too). ` +
      `At most ${LIMITS.maxComparisonConfigurations} configurations after sweep expansion (LIMIT_EXCEEDED beyond). Every configuration is checked before any scoring (NOT_FOUND for an unknown detector, INVALID_ARGUMENT for a bad parameter, ` +
      `MODEL_MISMATCH for a corpus mixing models without model, or a reference corpus of another model); nothing is stored unless the whole run succeeds. ` +
      `Cost: ${COST.compare} + selection; runs in the heavy lane and is exempt from the request time budget.`,
    complexity: storeRead(COST.compare),
  })
  async compareDetectors(
    @Arg('corpus', { description: 'The evaluated corpus: every audio of one model, with its stored labels as reference.' }) corpus: string,
    @Arg('detectors', () => [DetectorConfigInput]) detectors: DetectorConfigInput[],
    @Ctx() ctx: ApiContext,
    @Arg('folds', () => Int, { defaultValue: 5, description: `File-level cross-validation folds, 2..${LIMITS.maxFolds}, for configurations whose training corpus is the evaluated one.` }) folds: number,
    @Arg('seed', () => Int, { defaultValue: 1, description: 'Seed of the fold shuffle and the bootstrap.' }) seed: number,
    @Arg('bootstrap', () => Int, { defaultValue: 200, description: `Bootstrap resamples over files for the 95 % intervals, 1..${LIMITS.maxBootstrap}.` }) bootstrap: number,
    @Arg('model', () => String, { nullable: true, description: 'Codec model to evaluate; required when the corpus holds several.' }) model?: string | null,
    @Arg('name', () => String, { nullable: true, description: 'A name for the run, shown in listings.' }) name?: string | null,
    @Arg('labels', () => String, { nullable: true, description: 'A label file to use instead of the stored labels: a CSV (file,start_s,end_s,label) or a folder of Audacity tracks; audios it does not name have no events.' }) labels?: string | null,
    @Arg('labelsFormat', () => LabelFormatEnum, { defaultValue: LabelFormatEnum.CSV }) labelsFormat?: LabelFormatEnum,
    @Arg('groupBy', () => String, { nullable: true, description: 'Cross-validation folds keep the audios sharing a value of this metadata key (e.g. speaker) together; every audio must carry it.' }) groupBy?: string | null,
    @Arg('groups', () => String, { nullable: true, description: 'Cross-validation folds keep source groups together, read from a CSV with the header file,group naming every audio (by source path, file name or stem); a server-side path inside the data roots. Not with groupBy.' }) groups?: string | null,
  ): Promise<EvaluationRun> {
    const spec = await comparisonSpec({ corpus, detectors, folds, seed, bootstrap, model, name, labels, labelsFormat, groupBy, groups }, ctx);
    const run = await compareDetectors(ctx.store, ctx.registry, spec, COMPARISON_LIMITS);
    return toEvaluationRun(run);
  }

  @Mutation(() => EvaluationRun, {
    description:
      `Scores detections made elsewhere (a server-side file or folder inside the data roots: label CSV, DCASE event list, or Audacity tracks named after the audios) against a stored run's reference, on its audios with its bootstrap and seed, and adds them to the run as an EXTERNAL row named name. ` +
      `Files are matched by stem; the detections are class-aware when any label is a class of the run. Nothing changes on any error: INVALID_ARGUMENT naming files the run's audios do not include, ALREADY_EXISTS for a name a row has, LIMIT_EXCEEDED when the run already holds ${LIMITS.maxComparisonConfigurations} rows, NOT_FOUND for an unknown run. Cost: ${COST.compare} + selection.`,
    complexity: storeRead(COST.compare),
  })
  async addDetectionsToRun(
    @Arg('run', () => ID) run: string,
    @Arg('path', { description: 'The detections file or folder.' }) path: string,
    @Arg('name', { description: 'The row\'s name, unique within the run.' }) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<EvaluationRun> {
    const id = parseId(run, 'run');
    return toEvaluationRun(await addExternalDetections(ctx.store, { run: id, path: await resolveInsideRoots(path, ctx.config.dataRoots), name }, LIMITS.maxComparisonConfigurations));
  }

  @Query(() => [EvaluationRun], { description: `Stored evaluation runs, newest first; only those of \`corpus\` when given (NOT_FOUND for an unknown corpus). Cost: ${COST.store} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.store) })
  async evaluationRuns(@Ctx() ctx: ApiContext, @Arg('corpus', () => String, { nullable: true }) corpus?: string | null): Promise<EvaluationRun[]> {
    const corpusId = corpus == null ? undefined : (await ctx.store.corpora.requireByNames([corpus]))[0]!.id;
    return (await ctx.store.evaluationRuns.list(corpusId)).map((row) => toEvaluationRun(asEvaluationRun(row)));
  }

  @Query(() => EvaluationRun, { description: `The stored evaluation run with this id; NOT_FOUND if there is none. Cost: ${COST.store} + selection.`, complexity: storeRead() })
  async evaluationRun(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<EvaluationRun> {
    return toEvaluationRun(asEvaluationRun(await ctx.store.evaluationRuns.require(parseId(id, 'id'))));
  }

  @Mutation(() => Boolean, { description: `Deletes a stored evaluation run; NOT_FOUND if there is none. Cost: ${COST.store}.`, complexity: storeRead() })
  async deleteEvaluationRun(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<boolean> {
    await ctx.store.evaluationRuns.delete(parseId(id, 'id'));
    return true;
  }

  @FieldResolver(() => PairedDifference, {
    description: `A paired bootstrap of row a − row b (each a configuration, or a 1-based rank): event F1 and frame AUROC differences with 95 % intervals from the same resampled files. NOT_FOUND for an unknown row; INVALID_ARGUMENT for a row stored before per-file counts were kept. Cost: ${COST.store} + iterations / 10 + selection.`,
    complexity: ({ args, childComplexity }) => COST.store + Math.ceil(Math.min(Number(args['iterations']) || 0, LIMITS.maxBootstrap) / 10) + childComplexity,
  })
  async pairedDifference(
    @Root() run: EvaluationRun,
    @Arg('a') a: string,
    @Arg('b') b: string,
    @Ctx() ctx: ApiContext,
    @Arg('iterations', () => Int, { defaultValue: 1000, description: `Bootstrap resamples, 1..${LIMITS.maxBootstrap}.` }) iterations: number,
    @Arg('seed', () => Int, { nullable: true, description: 'Seed of the resampling; the run\'s seed when absent.' }) seed?: number | null,
  ): Promise<PairedDifference> {
    const difference = await rowDifference(ctx.store, parseId(run.id, 'id'), a, b, { iterations, seed: seed ?? run.seed, maxIterations: LIMITS.maxBootstrap });
    return toPairedDifference(difference);
  }

  @FieldResolver(() => Corpus, { description: `The evaluated corpus. Cost: ${COST.loader} + selection.`, complexity: storeRead(COST.loader) })
  async corpus(@Root() run: EvaluationRun, @Ctx() ctx: ApiContext): Promise<Corpus> {
    return toCorpus(await ctx.loaders.corpus.load(run.corpusId));
  }
}
