import { GraphQLJSON } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { MAX_ERRORS_PER_FILE } from '../../ingest/ingest-codes.js';
import { ShownPath, ShownText } from '../shown-paths.middleware.js';

/** What happened to one ingested file. */
export enum IngestStatus {
  INGESTED = 'INGESTED',
  ALREADY_PRESENT = 'ALREADY_PRESENT',
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
}
registerEnumType(IngestStatus, {
  name: 'IngestStatus',
  description: 'INGESTED: new matrices stored; ALREADY_PRESENT: all were stored before; PARTIAL: good matrices stored, bad ones skipped (skipBadItems); FAILED: nothing of the file stored.',
});

@ObjectType({ description: 'A problem found in a file; it is also reported in the response\'s top-level errors.' })
export class IngestError {
  @Field({ description: 'Error code, e.g. INVALID_CODES, UNREADABLE_FILE, PATH_OUTSIDE_ROOTS.' })
  code!: string;

  @Field()
  @UseMiddleware(ShownText)
  message!: string;

  @Field(() => Int, { nullable: true, description: 'JSONL line (1-based) or JSON list index.' })
  line!: number | null;

  @Field(() => Int, { nullable: true, description: 'Frame (0-based).' })
  frame!: number | null;

  @Field(() => Int, { nullable: true, description: 'Layer (1..16).' })
  layer!: number | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The offending value.' })
  @UseMiddleware(ShownText)
  value!: unknown;
}

@ObjectType()
export class IngestFileResult {
  @Field()
  @UseMiddleware(ShownPath)
  path!: string;

  @Field(() => IngestStatus)
  status!: IngestStatus;

  @Field(() => Int)
  ingested!: number;

  @Field(() => Int)
  alreadyPresent!: number;

  @Field(() => [Int], { description: 'Audio ids of the file, new or already present, in file order.' })
  audioIds!: number[];

  @Field(() => Int, { description: 'Label spans stored with the file\'s audio now (its Audacity track beside it, same stem .txt); 0 for code files and audios already present.' })
  labels!: number;

  @Field(() => [IngestError], { description: `The first ${MAX_ERRORS_PER_FILE} problems of the file (errorCount says how many it has).` })
  errors!: IngestError[];

  @Field(() => Int, { description: 'How many problems the file has in all; errors lists the first of them.' })
  errorCount!: number;
}

@ObjectType({ description: 'The outcome of an ingest: per file, and totals. Failed files never stop the batch.' })
export class IngestReport {
  @Field()
  corpus!: string;

  @Field()
  model!: string;

  @Field(() => [IngestFileResult])
  files!: IngestFileResult[];

  @Field(() => Int)
  ingested!: number;

  @Field(() => Int)
  alreadyPresent!: number;

  @Field(() => Int, { description: 'Files with errors.' })
  failedFiles!: number;
}
