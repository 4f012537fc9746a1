import { Field, Int, ObjectType, UseMiddleware } from 'type-graphql';
import { ShownPath } from '../shown-paths.middleware.js';

@ObjectType({ description: 'One table of a Parquet dataset and the rows written to it.' })
export class DatasetTableRows {
  @Field({ description: 'Table (folder) name, e.g. audios, frames, labels.' })
  name!: string;

  @Field(() => Int)
  rows!: number;
}

@ObjectType({ description: 'What exportDataset wrote: a Hive-partitioned Parquet dataset with its dataset.json (docs/datasets.md).' })
export class DatasetExport {
  @Field({ description: 'The dataset folder.' })
  @UseMiddleware(ShownPath)
  path!: string;

  @Field(() => [String], { description: 'Corpora exported, by name.' })
  corpora!: string[];

  @Field(() => [DatasetTableRows], { description: 'Rows written per table, in the order of dataset.json.' })
  tables!: DatasetTableRows[];
}

@ObjectType({ description: 'What importDataset stored.' })
export class DatasetImport {
  @Field(() => [String], { description: 'Corpora imported into (created when absent).' })
  corpora!: string[];

  @Field(() => Int, { description: 'Audios stored.' })
  audios!: number;

  @Field(() => Int, { description: 'Audios of the dataset already stored with the same identity (corpus, model, content sha256): left as they were, as ingest does.' })
  alreadyPresent!: number;

  @Field(() => Int, { description: 'Frames stored.' })
  frames!: number;

  @Field(() => Int, { description: 'Label spans stored.' })
  labels!: number;

  @Field(() => Int, { description: 'Evaluation runs stored (a run the corpus already holds, same time, name, spec and report, is not stored twice).' })
  evaluationRuns!: number;
}

@ObjectType({ description: 'A Parquet dataset attached read-only (attachDataset): its corpora are read in place as `<name>/<corpus>`.' })
export class AttachedDataset {
  @Field({ description: 'Name it is attached under.' })
  name!: string;

  @Field({ description: 'The dataset folder (holding dataset.json).' })
  @UseMiddleware(ShownPath)
  path!: string;

  @Field(() => [String], { description: 'Its corpora as the API names them (`<name>/<corpus>`).' })
  corpora!: string[];

  @Field(() => Int, { description: 'Parquet files recorded (size and modification time), checked before each read.' })
  files!: number;

  @Field({ description: 'sha256 of its dataset.json when attached.' })
  manifestSha256!: string;

  @Field({ description: 'When it was attached.' })
  attachedAt!: Date;
}
