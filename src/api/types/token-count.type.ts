import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How often a token occurs.' })
export class TokenCount {
  @Field(() => Int, { description: 'Token id, 0..2047.' })
  token!: number;

  @Field(() => Float, { description: 'Occurrences.' })
  count!: number;

  @Field(() => Float, { description: 'count / all tokens of the layer in scope.' })
  frequency!: number;
}

@ObjectType({ description: 'The token frequency histogram of one layer over a corpus (the guide §5.2).' })
export class TokenFrequencies {
  @Field(() => Int, { description: 'Layer number, 1..16.' })
  layer!: number;

  @Field(() => Float, { description: 'All tokens of this layer in scope.' })
  totalTokens!: number;

  @Field(() => Int, { description: 'Distinct tokens in scope.' })
  distinctTokens!: number;

  @Field(() => [TokenCount], { description: 'Tokens, most frequent first (ties by token id).' })
  tokens!: TokenCount[];
}
