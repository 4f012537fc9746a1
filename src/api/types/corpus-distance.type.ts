import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LAYER_COUNT } from '../../domain/contract.js';
import { perLayer } from '../costs.js';
import { Corpus } from './corpus.type.js';

@ObjectType({ description: "How far apart two corpora's token distributions are in one layer." })
export class LayerDistance {
  @Field(() => Int, { description: 'Layer number, 1..16.' })
  number!: number;

  @Field(() => Float, {
    description: 'Jensen–Shannon divergence of the two corpora\'s token distributions in this layer, in bits (0 = same distribution, 1 = no token in common), from the stored counts, unsmoothed.',
  })
  jensenShannonBits!: number;
}

@ObjectType({
  description:
    'Two corpora compared within one model\'s codes, by token counts (per layer) and in embedding space (each frame the sum of its 16 codebook vectors). Every figure is symmetric in a and b. See docs/analytics.md for the formulas and which depend on corpus size.',
})
export class CorpusDistance {
  @Field(() => Corpus)
  a!: Corpus;

  @Field(() => Corpus)
  b!: Corpus;

  @Field({ description: 'The model whose codes are compared.' })
  model!: string;

  @Field(() => Float, { description: 'Frames of that model in a.' })
  framesA!: number;

  @Field(() => Float, { description: 'Frames of that model in b.' })
  framesB!: number;

  @Field(() => [LayerDistance], { description: `The layers asked for. Cost: ${LAYER_COUNT} × selection.`, complexity: perLayer(0) })
  layers!: LayerDistance[];

  @Field(() => Int, { nullable: true, description: 'Dimension D of the embeddings; null when the model has no codebooks.' })
  embeddingDim!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Euclidean distance between the mean frame embeddings of a and b, ‖μa − μb‖ (embedding units); null when the model has no codebooks (add them with `tokenscope models add-codebooks`).',
  })
  meanEmbeddingDistance!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Fréchet distance of Gaussians fitted to the frame embeddings of a and b, as FID reports it (squared embedding units): ‖μa − μb‖² + Tr(Σa + Σb − 2(Σa Σb)^½), Σ the sample covariances; null when the model has no codebooks.',
  })
  frechetDistance!: number | null;
}
