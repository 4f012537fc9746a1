import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One broken invariant of the stored data (what `tokenscope check` prints as `broken: …`).' })
export class IntegrityProblem {
  @Field({ description: 'What should hold, in words.' })
  check!: string;

  @Field(() => Float, { description: 'Rows (or audios, or corpus × model × layer × token groups) that break it (Float: may exceed 2^31).' })
  count!: number;
}
