import { Arg, FieldResolver, Float, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { scoreEnvelope } from '../../analytics/score-envelope.js';
import { checkLimit } from '../../query/check-limit.js';
import { LIMITS } from '../limits.js';
import { DetectionResult, ScoreEnvelope } from '../types/detection.type.js';
import { listOf, perFrame } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver(() => DetectionResult)
export class DetectionResultResolver {
  @FieldResolver(() => [Float], { description: `One score per frame, for frames [startFrame, startFrame + frameCount) (to the end when frameCount is omitted); frames past the end are left out. Cost: frameCount (${LIMITS.maxWindowFrames} when omitted).`, complexity: perFrame(0, LIMITS.maxWindowFrames) })
  scores(
    @Root() r: DetectionResult,
    @Arg('startFrame', () => Int, { defaultValue: 0, description: 'First frame (0-based).' }) startFrame: number,
    @Arg('frameCount', () => Int, { nullable: true, description: `Frames wanted, 1..${LIMITS.maxWindowFrames}; all from startFrame when omitted.` }) frameCount?: number | null,
  ): number[] {
    checkLimit('startFrame', startFrame, Number.MAX_SAFE_INTEGER, 0);
    if (frameCount === undefined || frameCount === null) return startFrame === 0 ? r.frameScores : r.frameScores.slice(startFrame);
    checkLimit('frameCount', frameCount, LIMITS.maxWindowFrames);
    return r.frameScores.slice(startFrame, startFrame + frameCount);
  }

  @FieldResolver(() => ScoreEnvelope, { description: `The score curve shrunk to at most \`buckets\` (1..${LIMITS.maxEnvelopeBuckets}) buckets of consecutive frames, each with its smallest and largest score. Cost: buckets × selection.`, complexity: listOf(0, 'buckets', 1000, LIMITS.maxEnvelopeBuckets) })
  scoreEnvelope(@Root() r: DetectionResult, @Arg('buckets', () => Int, { defaultValue: 1000, description: `Buckets wanted, 1..${LIMITS.maxEnvelopeBuckets}; one per frame for shorter audios.` }) buckets: number): ScoreEnvelope {
    checkLimit('buckets', buckets, LIMITS.maxEnvelopeBuckets);
    return scoreEnvelope(r.frameScores, buckets);
  }
}
