import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One score of two rows and their difference a − b with a paired percentile-bootstrap interval; null where undefined.' })
export class ScoreDifference {
  @Field(() => Float, { nullable: true, description: 'The score of row a on all files.' })
  a!: number | null;

  @Field(() => Float, { nullable: true, description: 'The score of row b on all files.' })
  b!: number | null;

  @Field(() => Float, { nullable: true, description: 'a − b on all files.' })
  difference!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound of a − b (2.5 % point over resamples that drew the same files for both rows).' })
  low!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of a − b (97.5 % point).' })
  high!: number | null;

  @Field(() => Int, { description: 'Resamples in which both scores were defined.' })
  replicates!: number;
}

@ObjectType({ description: 'A paired bootstrap between two rows of one run: every resample draws the same files for both.' })
export class PairedDifference {
  @Field(() => ID)
  run!: string;

  @Field({ description: 'Row a\'s configuration.' })
  a!: string;

  @Field({ description: 'Row b\'s configuration.' })
  b!: string;

  @Field(() => Int)
  iterations!: number;

  @Field(() => Int)
  seed!: number;

  @Field(() => ScoreDifference, { description: 'Class-agnostic overall event-based F1.' })
  eventF1!: ScoreDifference;

  @Field(() => ScoreDifference, { description: 'Frame AUROC (truth = any label); null values when either row has no frame scores (external detections).' })
  frameAuroc!: ScoreDifference;
}
