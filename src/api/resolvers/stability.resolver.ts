import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { parsePerturbation, perturbationKey } from '../../stability/perturbation.js';
import { MAX_PERTURBATIONS } from '../../stability-runs/parse-perturbations.js';
import { runStability } from '../../stability-runs/run-stability.js';
import type { StabilityFilter } from '../../store/stability-run-repository.js';
import type { ApiContext } from '../context.js';
import { COST, eachOf, uncappedList } from '../costs.js';
import { toAudioStability, toStabilityRun } from '../stability-mappers.js';
import { Audio } from '../types/audio.type.js';
import { Corpus } from '../types/corpus.type.js';
import { AudioStability, StabilityRun } from '../types/stability.type.js';

const perturbationArg = { nullable: true, description: 'Only runs of this perturbation (any spelling of it: noise:snr=20 finds noise:colour=white,snr=20,seed=0); INVALID_ARGUMENT for a bad one.' } as const;
const modelArg = { nullable: true, description: 'Only runs of this codec model.' } as const;

/** The filter of a stability read: the perturbation as its canonical key. */
function filterOf(perturbation: string | null | undefined, model: string | null | undefined): StabilityFilter {
  return { perturbation: perturbation == null ? null : perturbationKey(parsePerturbation(perturbation)), model: model ?? null };
}

@UseMiddleware(budgetMiddleware)
@Resolver(() => Corpus)
export class CorpusStabilityResolver {
  @FieldResolver(() => [StabilityRun], { description: `Stored token stability runs of the corpus, by perturbation then model, each with per-layer agreement and UED summed over its audios. Cost: ${COST.store} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.store) })
  async stability(
    @Root() c: Corpus,
    @Ctx() ctx: ApiContext,
    @Arg('perturbation', () => String, perturbationArg) perturbation?: string | null,
    @Arg('model', () => String, modelArg) model?: string | null,
  ): Promise<StabilityRun[]> {
    return (await ctx.store.stabilityRuns.list(Number(c.id), filterOf(perturbation, model))).map(toStabilityRun);
  }

  @Mutation(() => [StabilityRun], {
    description:
      `Measures token stability on every audio of a corpus that was encoded here from a file: each perturbation (noise:snr=20, noise:snr=10,colour=babble, gain:db=-6, shift:samples=1, resample:rate=16000, mp3:kbps=64, roundtrip:layers=1-8, …) is applied to the audio (roundtrip: the codes are decoded with those layers) and the result re-encoded by the model's encoder, then compared layer by layer with the stored codes. ` +
      `Audios ingested as codes, whose file is gone or changed, or encoded by another build of the model are skipped and counted. Each perturbation is stored as one run, replacing the run of the same corpus, model and perturbation; all are stored at the end in one transaction, so a failed run stores nothing. ` +
      `At most ${MAX_PERTURBATIONS} perturbations (LIMIT_EXCEEDED); INVALID_ARGUMENT for a bad perturbation, NOT_FOUND for an unknown corpus, MODEL_MISMATCH for a corpus of several models without model. Cost: ${COST.stability} per perturbation + selection; runs in the heavy lane and is exempt from the request time budget.`,
    complexity: eachOf('perturbations', COST.stability),
  })
  async runStability(
    @Arg('corpus') corpus: string,
    @Arg('perturbations', () => [String]) perturbations: string[],
    @Ctx() ctx: ApiContext,
    @Arg('model', () => String, { nullable: true, description: 'Codec model whose audios to measure; required when the corpus holds several.' }) model?: string | null,
  ): Promise<StabilityRun[]> {
    return (await runStability({ store: ctx.store, encoders: ctx.audio.encoders }, { corpus, perturbations, model: model ?? null })).map(toStabilityRun);
  }
}

@UseMiddleware(budgetMiddleware)
@Resolver(() => Audio)
export class AudioStabilityResolver {
  @FieldResolver(() => [AudioStability], { description: `This audio's measurements in the stored stability runs of its corpus, by perturbation then model (batched across audios). Cost: ${COST.loader} + ${COST.assumedList} × selection.`, complexity: uncappedList(COST.loader) })
  async stability(
    @Root() a: Audio,
    @Ctx() ctx: ApiContext,
    @Arg('perturbation', () => String, perturbationArg) perturbation?: string | null,
    @Arg('model', () => String, modelArg) model?: string | null,
  ): Promise<AudioStability[]> {
    const filter = filterOf(perturbation, model);
    return (await ctx.loaders.audioStability.load({ audioId: Number(a.id), perturbation: filter.perturbation ?? null, model: filter.model ?? null })).map(toAudioStability);
  }
}
