import { Field, ID, ObjectType, UseMiddleware } from 'type-graphql';
import { ShownPath } from '../shown-paths.middleware.js';

@ObjectType({ description: 'A named collection of audios (code matrices).' })
export class Corpus {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique name.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({ description: 'When the corpus was created.' })
  createdAt!: Date;

  @Field({ description: 'True for a corpus of an attached Parquet dataset (attachDataset): read in place, read-only (writes: READ_ONLY_CORPUS).' })
  attached!: boolean;

  @Field(() => String, { nullable: true, description: 'Name of the attached dataset it belongs to (its name is `<dataset>/<corpus>`); null for a native corpus.' })
  dataset!: string | null;

  @Field(() => String, { nullable: true, description: 'Folder of the attached dataset it is read from; null for a native corpus.' })
  @UseMiddleware(ShownPath)
  datasetPath!: string | null;
}
