import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A score with its 95 % percentile-bootstrap interval over audio files; null where undefined (e.g. recall without reference events, AUROC without positive frames).' })
export class Metric {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower bound (2.5 % point of the resampled values).' })
  low!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound (97.5 % point of the resampled values).' })
  high!: number | null;
}
