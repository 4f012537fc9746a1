import { Arg, Ctx, Int, Query, Resolver, UseMiddleware } from 'type-graphql';
import { rarefaction } from '../../query/rarefaction.js';
import { budgetMiddleware } from '../budget.middleware.js';
import type { ApiContext } from '../context.js';
import { COST, perCorpus } from '../costs.js';
import { LIMITS } from '../limits.js';
import { toCorpus } from '../mappers.js';
import { Rarefaction } from '../types/rarefaction.type.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => Rarefaction)
export class RarefactionResolver {
  @Query(() => Rarefaction, {
    description: `Size-matched comparison of corpora (at most ${LIMITS.maxCorpora}). Distinct tokens, utilisation and entropy grow with the frames counted, so corpora of different sizes differ in them even when drawn from one source. Here each is the value expected on a random subsample of n frames of the corpus (rarefaction: every n-frame subset equally likely; computed from the pre-aggregated token counts, no frame is read, so the figures are deterministic: distinct tokens by Hurlbert's formula, entropy by summing each count's hypergeometric law, with a second-order expansion where a count's standard deviation exceeds 20), at every size of \`frames\` up to the corpus's own. Without \`frames\`: 125 × 2^k frames (10 s, 20 s, …) below the largest corpus, the smallest corpus's size (matchedFrames) and each corpus's own size. Cost: ${COST.perCorpus} per corpus + ${COST.store} + selection.`,
    complexity: perCorpus(COST.store),
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
        points: c.points.map((p) => ({ frames: p.frames, layers: p.layers.map(({ layer, ...l }) => ({ number: layer, ...l })) })),
      })),
    };
  }
}
