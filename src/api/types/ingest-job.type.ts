import { Field, Float, ID, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { ShownPath, ShownText } from '../shown-paths.middleware.js';
import { IngestFileResult } from './ingest-report.type.js';

/** Where a background ingest is. */
export enum IngestJobPhase {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(IngestJobPhase, {
  name: 'IngestJobPhase',
  description: 'SUCCEEDED: every file was handled (some may have failed: see results); FAILED: the job itself broke (see error).',
});

@ObjectType({ description: 'A background audio ingest and its progress. Jobs live in the server process; finished ones are kept (the latest 100).' })
export class IngestJob {
  @Field(() => ID)
  id!: string;

  @Field()
  corpus!: string;

  @Field({ description: 'Encoder model id.' })
  model!: string;

  @Field({ description: 'Execution provider the encoder runs on, and why (auto picks CUDA when installed).' })
  device!: string;

  @Field(() => [String])
  @UseMiddleware(ShownPath)
  paths!: string[];

  @Field()
  createdAt!: Date;

  @Field(() => IngestJobPhase)
  phase!: IngestJobPhase;

  @Field(() => Int)
  filesTotal!: number;

  @Field(() => Int)
  filesDone!: number;

  @Field(() => Float, { description: 'Seconds of audio decoded so far.' })
  audioSecondsDone!: number;

  @Field(() => Float, { description: 'Seconds of audio in all files as their headers tell (for an ETA; 0 when unknown).' })
  audioSecondsTotal!: number;

  @Field(() => [String], { description: 'Files being worked on now.' })
  @UseMiddleware(ShownPath)
  currentFiles!: string[];

  @Field(() => [IngestFileResult], { description: 'Per-file outcomes, once the job has finished.' })
  results!: IngestFileResult[];

  @Field(() => String, { nullable: true, description: 'Why the job broke, when phase is FAILED.' })
  @UseMiddleware(ShownText)
  error!: string | null;
}
