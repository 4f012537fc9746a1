import { Field, Float, Int, ObjectType, UseMiddleware } from 'type-graphql';
import { ShownPath } from '../shown-paths.middleware.js';
import { DatasetExport } from './dataset.type.js';

@ObjectType({ description: 'What merging one shard stored (one transaction: the shard is wholly in or wholly out).' })
export class ShardMerge {
  @Field({ description: 'The shard file.' })
  @UseMiddleware(ShownPath)
  path!: string;

  @Field(() => Int, { description: 'Audios stored under new ids.' })
  audios!: number;

  @Field(() => Int, { description: 'Audios of the shard already held with the same identity (corpus, model, content sha256) and the same codes: left as they were.' })
  alreadyPresent!: number;

  @Field(() => Int, { description: 'Frames stored.' })
  frames!: number;

  @Field(() => Int, { description: 'Label spans stored.' })
  labels!: number;

  @Field(() => Int, { description: 'Evaluation runs stored.' })
  evaluationRuns!: number;

  @Field(() => Float, { description: 'Wall time of this shard (attach, checks, transaction), seconds.' })
  seconds!: number;
}

@ObjectType({ description: 'What mergeShards did: one entry per shard in the order given, and the dataset written when out was given.' })
export class ShardMergeReport {
  @Field(() => [ShardMerge])
  shards!: ShardMerge[];

  @Field(() => Float, { description: 'Wall time of the whole merge, seconds.' })
  seconds!: number;

  @Field(() => DatasetExport, { nullable: true, description: 'The dataset written (out given); null for a merge into the store.' })
  dataset!: DatasetExport | null;
}
