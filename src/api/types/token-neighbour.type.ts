import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "An entry of a layer's codebook near a token's vector." })
export class TokenNeighbour {
  @Field(() => Int, { description: "The neighbour's token id, 0..2047." })
  token!: number;

  @Field(() => Float, { description: 'Euclidean distance between the two codebook vectors (embedding units).' })
  distance!: number;

  @Field(() => Float, { nullable: true, description: 'Cosine similarity of the two vectors, −1..1; null when either vector is zero.' })
  cosineSimilarity!: number | null;
}
