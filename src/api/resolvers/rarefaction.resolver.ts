import type { ComplexityEstimator } from 'graphql-query-complexity';
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { rarefaction } from '../../query/rarefaction.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST } from '../costs.js';
import { LIMITS } from '../limits.js';
import { toCorpus } from '../mappers.js';
import { Rarefaction, RarefiedLayer } from '../types/rarefaction.type.js';

/** Sizes assumed when `frames` is absent: 125 × 2^k up to 100 hours, the matched and the own sizes. */
const ASSUMED_SIZES = 17;
/** An entropy at one size and layer: a sum over the hypergeometric law of every count of the codebook. */
const ENTROPY_COST = 200;

/** Per corpus a merge of its counts, and the selection once per corpus and size (entropy costs ENTROPY_COST each). */
const rarefactionCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const corpora = Array.isArray(args['corpora']) ? Math.max(1, args['corpora'].length) : 1;
  const sizes = Array.isArray(args['frames']) ? Math.max(1, args['frames'].length) : ASSUMED_SIZES;
  return COST.perCorpus * corpora + COST.store + corpora * sizes * childComplexity;
};

@UseMiddleware(budgetMiddleware)
@Resolver(() => Rarefaction)
export class RarefactionResolver {
  @Query(() => Rarefaction, {
    description: `Size-matched comparison of corpora (at most ${LIMITS.maxCorpora}). Distinct tokens, utilisation and entropy grow with the frames counted, so corpora of different sizes differ in them even when drawn from one source. Here each is the value expected on a random subsample of n frames of the corpus (rarefaction: every n-frame subset equally likely; computed from the pre-aggregated token counts, no frame is read, so the figures are deterministic: distinct tokens by Hurlbert's formula, entropy by summing each count's hypergeometric law, with a second-order expansion where a count's standard deviation exceeds 5, within 1e-3 bits), at every size of \`frames\` up to the corpus's own. Without \`frames\`: 125 × 2^k frames (10 s, 20 s, …) below the largest corpus, the smallest corpus's size (matchedFrames) and each corpus's own size. Cost: ${COST.perCorpus} per corpus + ${COST.store} + the selection per corpus and size (${ASSUMED_SIZES} sizes assumed without \`frames\`; entropyBits ${ENTROPY_COST} each).`,
    complexity: rarefactionCost,
  })
  async rarefaction(
    @Arg('corpora', () => [String]) corpora: string[],
    @Ctx() ctx: ApiContext,
    @Arg('frames', () => [Int], { nullable: true, description: `Subsample sizes in frames (at most ${LIMITS.maxRarefactionSizes}, each ≥ 1).` }) frames?: number[] | null,
    @Arg('layers', () => [Int], { nullable: true, description: 'Layer numbers 1..16; all when omitted.' }) layers?: number[] | null,
    @Arg('model', () => String, { nullable: true, description: 'Only codes of this model; all models when omitted.' }) model?: string | null,
  ): Promise<Rarefaction> {
    const r = await rarefaction(ctx.store, { corpora, frames, layers, model, maxCorpora: LIMITS.maxCorpora, maxPoints: LIMITS.maxRarefactionSizes });
    return {
      matchedFrames: r.matchedFrames,
      corpora: r.corpora.map((c) => ({
        corpus: toCorpus(c.corpus),
        frameCount: c.frameCount,
        points: c.points.map((p) => ({ frames: p.frames, layers: p.layers.map((l) => Object.assign(new RarefiedLayer(), { number: l.layer, distinctTokens: l.distinctTokens, utilisation: l.utilisation, entropy: l.entropyBits })) })),
      })),
    };
  }
}

@Resolver(() => RarefiedLayer)
export class RarefiedLayerResolver {
  @FieldResolver(() => Float, { description: `Expected Shannon (plug-in) entropy in bits. Computed only when selected: leave it out of curves that need only distinct tokens. Cost: ${ENTROPY_COST}.`, complexity: ENTROPY_COST })
  entropyBits(@Root() l: RarefiedLayer): number {
    return l.entropy();
  }
}
