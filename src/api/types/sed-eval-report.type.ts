import { Field, Int, ObjectType } from 'type-graphql';
import { COST, uncappedList } from '../costs.js';
import { Metric } from './metric.type.js';

@ObjectType({ description: 'Detection counts behind sed_eval scores: events (event-based) or active (segment, class) pairs (segment-based).' })
export class SedEvalCounts {
  @Field(() => Int, { description: 'N: reference items.' })
  reference!: number;

  @Field(() => Int, { description: 'Estimated items (detections).' })
  estimated!: number;

  @Field(() => Int, { description: 'Reference items matched by an estimate of the same class.' })
  truePositives!: number;

  @Field(() => Int, { description: 'S: reference items matched in time by an estimate of another class (0 class-wise).' })
  substitutions!: number;

  @Field(() => Int, { description: 'D: reference items neither matched nor substituted.' })
  deletions!: number;

  @Field(() => Int, { description: 'I: estimates neither matching nor substituting.' })
  insertions!: number;
}

@ObjectType({ description: 'sed_eval scores of one node (overall, class-wise average or one class); intervals are null when no bootstrap ran.' })
export class SedEvalScores {
  @Field(() => Metric, { description: 'TP / estimated (0 when nothing was estimated: zero_score).' })
  precision!: Metric;

  @Field(() => Metric, { description: 'TP / N.' })
  recall!: Metric;

  @Field(() => Metric)
  f1!: Metric;

  @Field(() => Metric, { description: '(S + D + I) / N; class-wise (D + I) / N.' })
  errorRate!: Metric;

  @Field(() => Metric, { description: 'S / N.' })
  substitutionRate!: Metric;

  @Field(() => Metric, { description: 'D / N.' })
  deletionRate!: Metric;

  @Field(() => Metric, { description: 'I / N.' })
  insertionRate!: Metric;

  @Field(() => SedEvalCounts, { nullable: true, description: 'The counts the scores come from; null for the class-wise average (a mean of scores).' })
  counts!: SedEvalCounts | null;
}

@ObjectType({ description: 'Event-based (0.2 s collars, optimal one-to-one matching) and segment-based (1 s segments, unless the evaluation said otherwise) scores side by side.' })
export class SedEvalPair {
  @Field(() => SedEvalScores)
  event!: SedEvalScores;

  @Field(() => SedEvalScores)
  segment!: SedEvalScores;
}

@ObjectType({ description: 'The scores of one class.' })
export class SedEvalClass {
  @Field()
  label!: string;

  @Field(() => SedEvalScores)
  event!: SedEvalScores;

  @Field(() => SedEvalScores)
  segment!: SedEvalScores;
}

@ObjectType({ description: 'Class-aware scores exactly as sed_eval computes them (docs/evaluation.md): overall (micro), class-wise average (macro) and class-wise.' })
export class SedEvalReport {
  @Field(() => [String], { description: 'Classes in report order: the sorted union of reference and estimated labels.' })
  classes!: string[];

  @Field(() => Int, { description: 'Evaluated files.' })
  files!: number;

  @Field(() => SedEvalPair, { description: 'Micro average: scores of the counts summed over files and classes, error rate with substitutions (sed_eval\'s overall).' })
  overall!: SedEvalPair;

  @Field(() => SedEvalPair, { description: 'Macro average: nanmean over classes of each class-wise score.' })
  classWiseAverage!: SedEvalPair;

  @Field(() => [SedEvalClass], { description: `One entry per class, in classes order. Cost: ${COST.assumedList} × selection.`, complexity: uncappedList(0) })
  classWise!: SedEvalClass[];
}
