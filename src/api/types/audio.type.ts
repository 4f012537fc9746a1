import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, UseMiddleware } from 'type-graphql';
import type { MediaAccess } from '../media-access.js';
import { ShownPath, ShownText } from '../shown-paths.middleware.js';

@ObjectType({ description: 'Where an audio\'s code matrix came from.' })
export class AudioSource {
  @Field({ description: 'Path of the file as given at ingest; to a caller without the API key (beyond a keyless loopback server), relative to its data root: <root N>/folder/file.wav, or <outside the data roots>/file.wav.' })
  @UseMiddleware(ShownPath)
  path!: string;

  @Field(() => Int, { nullable: true, description: 'JSONL line (1-based) or JSON list index (0-based); null for a whole file.' })
  line!: number | null;

  @Field({ description: 'AUDIO: encoded here from an audio file; CODES: a code matrix computed elsewhere.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Container/codec of the audio file, e.g. wav/pcm16, flac, mp3, ogg/vorbis.' })
  format!: string | null;

  @Field(() => Int, { nullable: true, description: 'Sample rate of the audio file, Hz (before resampling to 24 kHz).' })
  sampleRate!: number | null;

  @Field(() => Int, { nullable: true, description: 'Channels of the audio file (averaged to mono).' })
  channels!: number | null;

  @Field(() => Float, { nullable: true, description: 'Exact duration of the audio file in seconds (samples at 24 kHz / 24000).' })
  durationSeconds!: number | null;
}

@ObjectType({ description: 'A labelled span of an audio (imported from an Audacity label track beside the file).' })
export class AudioLabel {
  @Field(() => Float, { description: 'Start, seconds.' })
  startSeconds!: number;

  @Field(() => Float, { description: 'End, seconds.' })
  endSeconds!: number;

  @Field()
  label!: string;

  @Field(() => Int, { description: 'First frame the span marks: frames whose centre (0.08·i + 0.04 s) lies in [start, end); a span shorter than a frame marks the frame holding its midpoint (docs/evaluation.md).' })
  startFrame!: number;

  @Field(() => Int, { description: 'Frame after the last one the span marks (exclusive); equals startFrame for a zero-length span.' })
  endFrame!: number;
}

@ObjectType({ description: 'One audio: a code matrix of N frames × 16 layers at 12.5 frames per second.' })
export class Audio {
  @Field(() => ID)
  id!: string;

  corpusId!: number;

  @Field({ description: 'Model that produced the codes: a manifest id, or external:<name> for ingested codes.' })
  model!: string;

  @Field(() => String, { nullable: true, description: 'sha256 of the ONNX file that produced the codes (null for ingested codes).' })
  modelSha256!: string | null;

  @Field({ description: 'sha256 of the canonical code matrix (with the model, the audio\'s identity in its corpus).' })
  contentSha256!: string;

  @Field(() => AudioSource)
  source!: AudioSource;

  @Field({ description: 'A short name telling the audio apart: its file name; for a line of a code file, the line\'s `audio` (file name) or `id` field, else its text (first 40 characters), else file#line.' })
  @UseMiddleware(ShownText)
  name!: string;

  /** Whether the original can be played, checked once per object by the mediaUrl and mediaUnavailable resolvers. */
  mediaCheck?: Promise<MediaAccess>;

  @Field(() => String, { nullable: true, description: 'Transcript, when the source carried one.' })
  text!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Other string fields of the source (e.g. audio, ref_audio of the official JSONL).' })
  @UseMiddleware(ShownText)
  metadata!: Record<string, string>;

  @Field(() => Int, { description: 'Number of frames N.' })
  frameCount!: number;

  @Field(() => Float, { description: 'Duration in seconds: frameCount × 0.08.' })
  durationSeconds!: number;

  @Field({ description: 'When it was stored.' })
  ingestedAt!: Date;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ObjectType()
export class AudioEdge {
  @Field()
  cursor!: string;

  @Field(() => Audio)
  node!: Audio;
}

@ObjectType({ description: 'A page of audios in id order.' })
export class AudioConnection {
  @Field(() => [AudioEdge])
  edges!: AudioEdge[];

  @Field(() => [Audio])
  nodes!: Audio[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  corpusId!: number;
}
