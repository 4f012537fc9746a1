import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Frame embeddings packed into one string: frames × dim little-endian float32 values, frame-major (frame f, dimension d at index f·dim + d), base64-encoded. The same numbers as `embeddings`, exactly, in 4 bytes a value instead of a JSON number each.',
})
export class PackedEmbeddings {
  @Field(() => Int, { description: 'Frames packed (the window\'s frameCount).' })
  frames!: number;

  @Field(() => Int, { description: 'Values per frame: the dimension D of the codebook vectors.' })
  dim!: number;

  @Field({ description: 'How `data` is encoded: always "float32le-base64".' })
  encoding!: string;

  @Field({ description: 'frames × dim float32, little-endian, frame-major, base64 (RFC 4648, with padding).' })
  data!: string;
}
