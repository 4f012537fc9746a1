import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A fixed colour for every codebook entry of a model: per layer, each vector projected on the first three principal components of that layer\'s 2048 vectors (red, green, blue), each scaled so ±2 standard deviations span 0..255 (mid-grey is the layer\'s mean vector). Computed once per codebooks file.',
})
export class CodebookColours {
  @Field({ description: 'The model whose codebooks these are.' })
  model!: string;

  @Field({ description: 'How the colours were made: always "pca3" (first three principal components per layer).' })
  method!: string;

  @Field(() => Int, { description: 'Layers: 16.' })
  layers!: number;

  @Field(() => Int, { description: 'Entries per layer: 2048.' })
  entries!: number;

  @Field({ description: 'How `data` is encoded: always "rgb8-base64".' })
  encoding!: string;

  @Field({ description: 'layers × entries × 3 bytes (red, green, blue), layer-major: layer L, token t at ((L − 1) × entries + t) × 3; base64 (RFC 4648, with padding).' })
  data!: string;
}
