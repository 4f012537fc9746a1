import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Audio } from './audio.type.js';

@ObjectType({ description: 'One place a token occurs.' })
export class TokenOccurrence {
  audioId!: number;

  @Field(() => Audio)
  audio!: Audio;

  @Field(() => Int, { description: 'Frame (0-based).' })
  frame!: number;

  @Field(() => Float, { description: 'Start of the frame in seconds (frame × 0.08).' })
  seconds!: number;
}

@ObjectType({ description: 'A token that is rare or absent in the reference corpus but occurs in the target (same model, same layer).' })
export class ColdToken {
  targetCorpusIds!: number[];

  @Field({ description: 'Model whose codebook the token belongs to.' })
  model!: string;

  @Field(() => Int, { description: 'Layer number, 1..16.' })
  layer!: number;

  @Field(() => Int, { description: 'Token id, 0..2047.' })
  token!: number;

  @Field(() => Float, { description: 'Occurrences in the reference corpus.' })
  referenceCount!: number;

  @Field(() => Float, { description: 'Occurrences in the target corpus.' })
  targetCount!: number;

  @Field(() => Int, { description: 'Target audios it occurs in.' })
  audioCount!: number;
}
