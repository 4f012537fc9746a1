import { Field, Float, Int, ObjectType } from 'type-graphql';

/** Which audios a Layer's histogram and top tokens come from (not exposed in the schema). */
export type LayerScope =
  | { kind: 'audio'; audioId: number }
  | { kind: 'corpora'; corpusIds: readonly number[]; model: string | undefined };

@ObjectType({ description: 'Statistics of one codebook layer over a set of frames. Variance and std are population values (numpy ddof=0).' })
export class Layer {
  scope!: LayerScope;

  @Field(() => Int, { description: 'Layer number, 1..16 (1 = first residual codebook).' })
  number!: number;

  @Field(() => Float, { description: 'Number of tokens (= frames) counted. Float because corpus totals can exceed 2^31.' })
  tokenCount!: number;

  @Field(() => Float, { description: 'Mean token id.' })
  mean!: number;

  @Field(() => Float, { description: 'Population variance of the token ids.' })
  variance!: number;

  @Field(() => Float, { description: 'Population standard deviation of the token ids.' })
  std!: number;

  @Field(() => Float, { description: 'Shannon entropy of the token distribution, in bits (max 11 for 2048 codes). Depends on how many frames are counted (it grows with corpus size): compare corpora of different sizes with `rarefaction`.' })
  entropyBits!: number;

  @Field(() => Int, { description: 'Number of distinct tokens used. Depends on how many frames are counted (it grows with corpus size): compare corpora of different sizes with `rarefaction`.' })
  distinctTokens!: number;

  @Field(() => Float, { description: 'Codebook utilisation: distinctTokens / 2048. Depends on how many frames are counted (it grows with corpus size): compare corpora of different sizes with `rarefaction`.' })
  utilisation!: number;

}
