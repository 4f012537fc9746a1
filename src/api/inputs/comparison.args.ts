import { ArgsType, Field, Int } from 'type-graphql';
import { LIMITS } from '../limits.js';
import { LabelFormatEnum } from '../types/label-file.type.js';
import { DetectorConfigInput } from './detector-config.input.js';

/** What a comparison evaluates, as startComparison takes it (the same arguments as compareDetectors). */
@ArgsType()
export class ComparisonArgs {
  @Field({ description: 'The evaluated corpus: every audio of one model, with its stored labels as reference.' })
  corpus!: string;

  @Field(() => [DetectorConfigInput])
  detectors!: DetectorConfigInput[];

  @Field(() => Int, { defaultValue: 5, description: `File-level cross-validation folds, 2..${LIMITS.maxFolds}, for configurations whose training corpus is the evaluated one.` })
  folds!: number;

  @Field(() => Int, { defaultValue: 1, description: 'Seed of the fold shuffle and the bootstrap.' })
  seed!: number;

  @Field(() => Int, { defaultValue: 200, description: `Bootstrap resamples over files for the 95 % intervals, 1..${LIMITS.maxBootstrap}.` })
  bootstrap!: number;

  @Field(() => String, { nullable: true, description: 'Codec model to evaluate; required when the corpus holds several.' })
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'A name for the run, shown in listings.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A label file to use instead of the stored labels: a CSV (file,start_s,end_s,label) or a folder of Audacity tracks; audios it does not name have no events.' })
  labels?: string | null;

  @Field(() => LabelFormatEnum, { defaultValue: LabelFormatEnum.CSV })
  labelsFormat?: LabelFormatEnum;

  @Field(() => String, { nullable: true, description: 'Cross-validation folds keep the audios sharing a value of this metadata key (e.g. speaker) together; every audio must carry it.' })
  groupBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Cross-validation folds keep source groups together, read from a CSV with the header file,group naming every audio (by source path, file name or stem); a server-side path inside the data roots. Not with groupBy.' })
  groups?: string | null;
}
