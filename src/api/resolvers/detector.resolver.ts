import { Arg, Ctx, ID, Query, Resolver, UseMiddleware } from 'type-graphql';
import { budgetMiddleware } from '../budget.middleware.js';
import { detect } from '../../query/detect.js';
import type { ApiContext } from '../context.js';
import { parseId } from '../ids.js';
import { toDetectionResult, toDetectorInfo } from '../mappers.js';
import { DetectorSpecInput } from '../inputs/detector-spec.input.js';
import { DetectionResult, DetectorInfo } from '../types/detection.type.js';
import { COST, storeRead, uncappedList } from '../costs.js';

@UseMiddleware(budgetMiddleware)
@Resolver()
export class DetectorResolver {
  @Query(() => [DetectorInfo], { description: `Registered detectors with their parameters, defaults and docs. Cost: 1 + ${COST.assumedList} × selection.`, complexity: uncappedList(1) })
  detectors(@Ctx() ctx: ApiContext): DetectorInfo[] {
    return ctx.registry.list().map(toDetectorInfo);
  }

  @Query(() => DetectionResult, { description: `Runs a detector on one audio: per-frame scores, the threshold used, flagged frames and anomalies. Cost: ${COST.detect} + selection (the detector reads the whole audio).`, complexity: storeRead(COST.detect) })
  async detect(@Arg('audioId', () => ID) audioId: string, @Arg('detector', () => DetectorSpecInput) spec: DetectorSpecInput, @Ctx() ctx: ApiContext): Promise<DetectionResult> {
    const id = parseId(audioId, 'audioId');
    const { run } = await detect(ctx.store, ctx.registry, id, spec.name, spec.params ?? {}, ctx.budget.signal, ctx.cache);
    return toDetectionResult(id, run);
  }
}
