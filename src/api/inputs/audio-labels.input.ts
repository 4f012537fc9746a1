import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'A labelled span, in seconds of the audio.' })
export class LabelSpanInput {
  @Field(() => Float, { description: 'Start, seconds.' })
  startSeconds!: number;

  @Field(() => Float, { description: 'End, seconds.' })
  endSeconds!: number;

  @Field()
  label!: string;
}

@InputType({ description: 'The labels one audio is to have (replacing those it has).' })
export class AudioLabelsInput {
  @Field(() => ID)
  audioId!: string;

  @Field(() => [LabelSpanInput])
  labels!: LabelSpanInput[];
}
