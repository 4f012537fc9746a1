import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { TokenSearchScope } from '../../store/token-repository.js';
import { PageInfo } from './audio.type.js';
import { TokenOccurrence } from './cold-token.type.js';
import { Corpus } from './corpus.type.js';

@ObjectType({ description: 'How often a token occurs in one corpus.' })
export class TokenCorpusCount {
  @Field(() => Corpus)
  corpus!: Corpus;

  @Field(() => Float, { description: 'Occurrences (frames holding the token on the layer).' })
  count!: number;

  @Field(() => Int, { description: 'Audios it occurs in.' })
  audioCount!: number;
}

@ObjectType({ description: 'A page of the places a token occurs, in audio then frame order.' })
export class TokenOccurrenceConnection {
  @Field(() => [TokenOccurrence])
  nodes!: TokenOccurrence[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'Where one token of one layer occurs: how often, in which corpora, and the places.' })
export class TokenSearch {
  scope!: TokenSearchScope;

  @Field(() => Int, { description: 'Layer number, 1..16.' })
  layer!: number;

  @Field(() => Int, { description: 'Token id, 0..2047.' })
  token!: number;

  @Field(() => Float, { description: 'Occurrences in all the corpora searched.' })
  totalCount!: number;

  @Field(() => Int, { description: 'Audios it occurs in, over all the corpora searched.' })
  audioCount!: number;

  @Field(() => [TokenCorpusCount], { description: 'The corpora it occurs in (corpora without it are left out), in the order searched.' })
  corpora!: TokenCorpusCount[];
}

@ObjectType({ description: 'A pair of consecutive tokens on one layer: the token of frame t, then that of frame t+1 of the same audio.' })
export class TokenBigram {
  @Field(() => Int, { description: 'Token at frame t, 0..2047.' })
  first!: number;

  @Field(() => Int, { description: 'Token at frame t+1, 0..2047.' })
  second!: number;

  @Field(() => Float, { description: 'Times the pair occurs.' })
  count!: number;

  @Field(() => Float, { description: 'count / totalPairs.' })
  share!: number;
}

@ObjectType({ description: 'The most frequent consecutive token pairs of one layer of a corpus.' })
export class TokenBigrams {
  @Field(() => Corpus)
  corpus!: Corpus;

  @Field(() => Int, { description: 'Layer number, 1..16.' })
  layer!: number;

  @Field(() => Float, { description: 'Pairs of consecutive frames counted: Σ (frames − 1) over the audios (pairs never span two audios).' })
  totalPairs!: number;

  @Field(() => [TokenBigram], { description: 'Most frequent first; ties by first, then second token.' })
  bigrams!: TokenBigram[];
}
