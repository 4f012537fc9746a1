import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Every token\'s occurrences in every layer of a corpus, within one model\'s codes: what the audio view colours tokens by (commonness, surprisal).' })
export class TokenCountTable {
  @Field({ description: 'The corpus counted.' })
  corpus!: string;

  @Field({ description: 'Only codes of this model were counted.' })
  model!: string;

  @Field(() => [Float], { description: '16 values: all tokens of each layer (row i: layer i+1).' })
  layerTotals!: number[];

  @Field(() => [[Float]], { description: '16 × 2048: row i holds layer i+1, column t the occurrences of token t.' })
  counts!: number[][];
}
