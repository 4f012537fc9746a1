import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'One shard of a sharded ingest: shard index (1-based) of count. A file belongs to shard (first 4 bytes, big-endian, of sha256 of its path relative to the folder given, with / separators) mod count + 1; a file named directly hashes its base name.' })
export class ShardInput {
  @Field(() => Int, { description: 'This shard, 1..count.' })
  index!: number;

  @Field(() => Int, { description: 'Shards in all (ingest processes), 1..65536.' })
  count!: number;
}
