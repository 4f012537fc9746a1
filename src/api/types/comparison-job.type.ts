import { Field, Float, ID, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { ShownText } from '../shown-paths.middleware.js';

/** Where a background comparison is. */
export enum ComparisonJobPhase {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(ComparisonJobPhase, {
  name: 'ComparisonJobPhase',
  description: 'QUEUED: waiting for the comparisons before it (they run one at a time); SUCCEEDED: the run is stored (runId); FAILED: nothing was stored (error, errorCode).',
});

/** What a running comparison is doing. */
export enum ComparisonStep {
  READING = 'READING',
  SCORING = 'SCORING',
  STORING = 'STORING',
}
registerEnumType(ComparisonStep, { name: 'ComparisonStep', description: 'READING the audios and labels, SCORING one configuration after another, STORING the run.' });

@ObjectType({ description: 'A background detector comparison (startComparison) and its progress. Jobs live in the server process; finished ones are kept (the latest 100).' })
export class ComparisonJob {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The evaluated corpus.' })
  corpus!: string;

  @Field(() => String, { nullable: true, description: 'The run\'s name, when one was given.' })
  name!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => ComparisonJobPhase)
  phase!: ComparisonJobPhase;

  @Field(() => ComparisonStep, { nullable: true, description: 'What a RUNNING job is doing; the last step reached otherwise (null before any).' })
  step!: ComparisonStep | null;

  @Field(() => Int, { description: 'Configurations after sweep expansion (0 until the job starts).' })
  configurationsTotal!: number;

  @Field(() => Int, { description: 'Configurations scored on every audio.' })
  configurationsDone!: number;

  @Field(() => Int, { description: 'Audios each configuration runs on (0 until the job starts).' })
  audiosTotal!: number;

  @Field(() => Int, { description: 'Audios the configuration being scored has run on.' })
  audiosDone!: number;

  @Field(() => Float, { description: 'Share of the (configuration, audio) pairs scored, 0..1; 1 once storing.' })
  fraction!: number;

  @Field(() => ID, { nullable: true, description: 'The stored evaluation run, once SUCCEEDED (see evaluationRun(id)).' })
  runId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the job FAILED: the coded message a compareDetectors with the same arguments would have answered.' })
  @UseMiddleware(ShownText)
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'The error code of a FAILED job (INVALID_ARGUMENT, MODEL_MISMATCH, …; INTERNAL for an unexpected failure, whose message is masked).' })
  errorCode!: string | null;
}
