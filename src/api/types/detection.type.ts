import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { COST, uncappedList } from '../costs.js';
import { LIMITS } from '../limits.js';

/** How scores are compared with the threshold. */
export enum ThresholdComparison {
  GREATER_THAN = 'GREATER_THAN',
  AT_LEAST = 'AT_LEAST',
}
registerEnumType(ThresholdComparison, {
  name: 'ThresholdComparison',
  description: 'GREATER_THAN: a frame is anomalous when score > threshold (the guide\'s rule); AT_LEAST: when score ≥ threshold.',
});

@ObjectType({ description: 'An event: a run of consecutive anomalous frames. Times use 12.5 frames per second.' })
export class Anomaly {
  @Field(() => Int, { description: 'First anomalous frame (0-based).' })
  startFrame!: number;

  @Field(() => Int, { description: 'Frame after the last anomalous one (exclusive).' })
  endFrame!: number;

  @Field(() => Float, { description: 'startFrame × 0.08 s.' })
  startSeconds!: number;

  @Field(() => Float, { description: 'endFrame × 0.08 s.' })
  endSeconds!: number;

  @Field(() => Int, { description: 'Frame with the highest score (earliest on ties).' })
  peakFrame!: number;

  @Field(() => Float, { description: 'peakFrame × 0.08 s.' })
  peakSeconds!: number;

  @Field(() => Float, { description: 'Score at the peak frame.' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Class-aware detectors only (e.g. eventClassifier): the event\'s class, the one with the highest mean probability over its frames; null otherwise.' })
  label?: string | null;

  @Field(() => Float, { nullable: true, description: 'Class-aware detectors only: the mean probability (0..1) of `label` over the event\'s frames; null otherwise.' })
  probability?: number | null;
}

@ObjectType({ description: 'The outcome of running one detector on one audio.' })
export class DetectionResult {
  @Field(() => ID)
  audioId!: string;

  @Field({ description: 'Detector name.' })
  detector!: string;

  @Field(() => GraphQLJSONObject, { description: 'Parameters as used, defaults filled in: with the detector name, enough to repeat the run.' })
  parameters!: Record<string, unknown>;

  @Field(() => Int, { description: 'Frames scored: the audio\'s frame count.' })
  frameCount!: number;

  /** One score per frame; served by the `scores` and `scoreEnvelope` field resolvers. */
  frameScores!: number[];

  @Field(() => GraphQLJSONObject, { description: 'The threshold rule applied, defaults filled in (e.g. {"rule":"percentile","percentile":95}).' })
  thresholdRule!: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: 'The segmenter applied: minEventFrames, mergeGapFrames, padFrames.' })
  segmenter!: Record<string, unknown>;

  @Field(() => Float, { description: 'The threshold actually used (for hysteresis: the high one, which opens an event).' })
  threshold!: number;

  @Field(() => Float, { nullable: true, description: 'Hysteresis only: the low threshold, below which an open event closes.' })
  lowThreshold!: number | null;

  @Field(() => ThresholdComparison)
  comparison!: ThresholdComparison;

  @Field(() => [Int], { description: `Frames the threshold rule flagged, ascending (before segmentation). Cost: ${LIMITS.maxWindowFrames} (frames assumed).`, complexity: LIMITS.maxWindowFrames })
  flaggedFrames!: number[];

  @Field(() => [Anomaly], { description: `Events: runs of flagged frames after the segmenter (merging, minimum length, padding). Cost: ${COST.assumedList} × selection.`, complexity: uncappedList(0) })
  anomalies!: Anomaly[];
}

@ObjectType({ description: 'A score curve shrunk to buckets of consecutive frames, each with its smallest and largest score: draws the curve of a long audio at screen width without losing a peak.' })
export class ScoreEnvelope {
  @Field(() => Float, { description: 'Frames per bucket on average (frameCount / buckets); bucket i covers frames [floor(i·N/B), floor((i+1)·N/B)).' })
  framesPerBucket!: number;

  @Field(() => [Float], { description: 'Smallest score of each bucket.' })
  min!: number[];

  @Field(() => [Float], { description: 'Largest score of each bucket.' })
  max!: number[];
}

@ObjectType({ description: 'A detector parameter: its type, default and meaning.' })
export class DetectorParameter {
  @Field()
  name!: string;

  @Field({ description: 'int, float, string, or layers (a list of layer numbers 1..16).' })
  type!: string;

  @Field()
  description!: string;

  @Field({ description: 'True when the parameter has no default.' })
  required!: boolean;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Value used when none is given.' })
  defaultValue!: unknown;

  @Field(() => Float, { nullable: true, description: 'Smallest allowed value (inclusive).' })
  min!: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest allowed value (inclusive).' })
  max!: number | null;

  @Field({ description: 'int only: the value must be odd (centred windows).' })
  odd!: boolean;

  @Field(() => [String], { nullable: true, description: 'string only: the allowed values.' })
  oneOf!: string[] | null;
}

@ObjectType({ description: 'A registered detection strategy.' })
export class DetectorInfo {
  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => [DetectorParameter], { description: `Cost: ${COST.assumedList} × selection.`, complexity: uncappedList(0) })
  parameters!: DetectorParameter[];
}
