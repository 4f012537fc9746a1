import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Metric } from './metric.type.js';
import { SedEvalReport } from './sed-eval-report.type.js';

/** How a row's detections relate to the evaluated files. */
export enum EvaluationProtocol {
  CROSS_VALIDATED = 'CROSS_VALIDATED',
  TRANSFER = 'TRANSFER',
  NONE = 'NONE',
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(EvaluationProtocol, {
  name: 'EvaluationProtocol',
  description: 'How a row was evaluated.',
  valuesConfig: {
    CROSS_VALIDATED: { description: 'Trained on the evaluated corpus; each audio scored by a model fitted without any audio of its fold (file folds, or source-group folds).' },
    TRANSFER: { description: 'Trained on another corpus (trainingCorpus) than the evaluated one.' },
    NONE: { description: 'Trained on no labels (unsupervised or fixed rules).' },
    EXTERNAL: { description: 'Detections made elsewhere, read from a file and scored against the run\'s reference.' },
  },
});
import { COST, listOf, uncappedList } from '../costs.js';
import { LIMITS } from '../limits.js';

@ObjectType({ description: 'Class-agnostic overall event-based scores (sed_eval: 0.2 s onset collar, offset collar max(0.2 s, half the event), one-to-one matching).' })
export class EventMetrics {
  @Field(() => Metric, { description: 'Matched detections / detections (0 when nothing was detected).' })
  precision!: Metric;

  @Field(() => Metric, { description: 'Matched reference events / reference events.' })
  recall!: Metric;

  @Field(() => Metric)
  f1!: Metric;

  @Field(() => Metric, { description: '(substitutions + deletions + insertions) / reference events.' })
  errorRate!: Metric;
}

@ObjectType({ description: 'Class-agnostic overall segment-based scores over 1 s segments.' })
export class SegmentMetrics {
  @Field(() => Metric)
  f1!: Metric;

  @Field(() => Metric)
  errorRate!: Metric;
}

@ObjectType({ description: 'Threshold-free frame scores: per-frame scores ranked against truth = any label (a frame is positive when its centre lies in a label).' })
export class FrameScoreMetrics {
  @Field(() => Metric, { description: 'Area under the ROC curve, 0..1.' })
  auroc!: Metric;

  @Field(() => Metric, { description: 'Average precision (area under the precision–recall curve), 0..1.' })
  auprc!: Metric;
}

@ObjectType({ description: 'Scores of one label value (class) of the corpus.' })
export class ClassMetrics {
  @Field()
  label!: string;

  @Field(() => Int, { description: 'Reference events (stored labels) of this class.' })
  events!: number;

  @Field(() => Metric, { description: 'Fraction of this class\'s reference events matched by some detection under the collars (detections are class-agnostic).' })
  eventRecall!: Metric;

  @Field(() => Metric, { description: 'Frame AUROC: frames of this class against frames with no label; frames of other classes left out.' })
  frameAuroc!: Metric;
}

@ObjectType({ description: 'One detector configuration\'s line of a comparison.' })
export class LeaderboardRow {
  @Field({ description: 'Readable label: the detector name and the parameters given.' })
  configuration!: string;

  @Field()
  detector!: string;

  @Field(() => GraphQLJSONObject, { description: 'The detector\'s own parameters, defaults filled in.' })
  parameters!: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: 'The threshold rule applied, defaults filled in; {} for external detections.' })
  thresholdRule!: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: 'The segmenter applied; {} for external detections.' })
  segmenter!: Record<string, unknown>;

  @Field({ description: 'True when the configuration trained on the evaluated corpus: each audio was scored by a model fitted without any audio of its cross-validation fold.' })
  crossValidated!: boolean;

  @Field(() => EvaluationProtocol, { description: 'How the detections relate to the evaluated files: cross-validated, transfer from another corpus, untrained, or external.' })
  protocol!: EvaluationProtocol;

  @Field(() => String, { nullable: true, description: 'The corpus a supervised configuration trained on (the evaluated one when cross-validated); null when it trained on none.' })
  trainingCorpus!: string | null;

  @Field(() => Float, { description: 'Wall time of scoring every audio (fitting included, metrics not), milliseconds.' })
  runMilliseconds!: number;

  @Field(() => EventMetrics)
  event!: EventMetrics;

  @Field(() => SegmentMetrics)
  segment!: SegmentMetrics;

  @Field(() => FrameScoreMetrics)
  frame!: FrameScoreMetrics;

  @Field(() => [ClassMetrics], { description: `One entry per label value of the corpus, sorted by label. Cost: ${COST.assumedList} × selection.`, complexity: uncappedList(0) })
  classes!: ClassMetrics[];

  @Field(() => SedEvalReport, {
    nullable: true,
    description: `sed_eval's class-aware scores of the detections' own classes, with intervals; null for class-agnostic detectors (and rows stored before they were kept). Cost: ${COST.classAwareReport}, whatever the selection (stored with the row).`,
    complexity: () => COST.classAwareReport,
  })
  classAware!: SedEvalReport | null;
}

@ObjectType({ description: 'A stored detector comparison on a labelled corpus: the leaderboard and what produced it.' })
export class EvaluationRun {
  @Field(() => ID)
  id!: string;

  corpusId!: number;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field({ description: 'When the run was stored.' })
  createdAt!: Date;

  @Field({ description: 'Codec model whose audios were evaluated.' })
  model!: string;

  @Field(() => Int, { description: 'Cross-validation folds asked for (fewer when the corpus has fewer audios).' })
  folds!: number;

  @Field(() => Int, { description: 'Seed of the fold shuffle and the bootstrap.' })
  seed!: number;

  @Field(() => Int, { description: 'Bootstrap resamples behind each interval.' })
  bootstrap!: number;

  @Field(() => Int, { description: 'Audios evaluated.' })
  audioCount!: number;

  @Field(() => Int, { description: 'Reference events (stored labels) over all evaluated audios.' })
  eventCount!: number;

  @Field(() => [String], { description: 'Label values of the corpus, sorted.' })
  classes!: string[];

  @Field(() => String, { nullable: true, description: 'The audio metadata key whose values kept source groups within one cross-validation fold; null otherwise.' })
  groupBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The file name of the file,group CSV whose groups were kept within one cross-validation fold; null otherwise.' })
  groupsFile!: string | null;

  @Field(() => Int, { nullable: true, description: 'Source groups kept whole by the folds; null for file folds.' })
  groupCount!: number | null;

  @Field(() => [GraphQLJSONObject], { description: 'The configurations as given (before sweep expansion).' })
  detectors!: Record<string, unknown>[];

  @Field(() => [LeaderboardRow], { description: `One row per configuration (sweeps expanded), best event F1 first; rows without an F1 last. Cost: ${LIMITS.maxComparisonConfigurations} × selection.`, complexity: listOf(0, null, LIMITS.maxComparisonConfigurations) })
  rows!: LeaderboardRow[];
}
