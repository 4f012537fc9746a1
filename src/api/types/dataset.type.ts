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
