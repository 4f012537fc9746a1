import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Corpus } from './corpus.type.js';

@ObjectType({ description: 'Size-dependent statistics of one layer, expected on a random subsample of `frames` frames (rarefaction).' })
export class RarefiedLayer {
  @Field(() => Int, { description: 'Layer number, 1..16.' })
  number!: number;

  @Field(() => Float, { description: 'Expected distinct tokens (Hurlbert rarefaction).' })
  distinctTokens!: number;

  @Field(() => Float, { description: 'Expected distinct tokens / 2048.' })
  utilisation!: number;

  /** Resolved by RarefiedLayerResolver, only when selected. */
  entropy!: () => number;
}

@ObjectType({ description: 'A corpus subsampled to one size.' })
export class RarefactionPoint {
  @Field(() => Float, { description: 'Frames in the subsample.' })
  frames!: number;

  @Field(() => [RarefiedLayer], { description: 'One entry per layer asked for, ascending.' })
  layers!: RarefiedLayer[];
}

@ObjectType({ description: "One corpus's size-dependent statistics at each subsample size up to its own size." })
export class CorpusRarefaction {
  @Field(() => Corpus)
  corpus!: Corpus;

  @Field(() => Float, { description: 'Frames the corpus holds (of the model asked for).' })
  frameCount!: number;

  @Field(() => [RarefactionPoint], { description: 'Ascending sizes; sizes above the corpus\'s own are left out.' })
  points!: RarefactionPoint[];
}

@ObjectType({ description: 'Corpora compared at equal sizes: distinct tokens, utilisation and entropy grow with the frames counted.' })
export class Rarefaction {
  @Field(() => Float, { description: 'Frames of the smallest non-empty corpus: every corpus has a point at this size (0 when all are empty).' })
  matchedFrames!: number;

  @Field(() => [CorpusRarefaction], { description: 'In the order asked for.' })
  corpora!: CorpusRarefaction[];
}
