import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Corpus } from './corpus.type.js';
import { Layer } from './layer.type.js';
import { LAYER_COUNT } from '../../domain/contract.js';
import { perLayer } from '../costs.js';

@ObjectType({ description: 'Per-layer statistics over one or more corpora, from the pre-aggregated token counts.' })
export class LayerStats {
  @Field(() => [Corpus])
  corpora!: Corpus[];

  @Field(() => [String], { description: 'Models whose matrices are counted. More than one means tokens of different codebooks are mixed.' })
  models!: string[];

  @Field({ description: 'True when matrices of more than one model are counted together (pass `model` to separate them).' })
  mixedModels!: boolean;

  @Field(() => Int)
  audioCount!: number;

  @Field(() => Float)
  frameCount!: number;

  @Field(() => [Layer], { description: `The layers asked for. Cost: ${LAYER_COUNT} × selection.`, complexity: perLayer(0) })
  layers!: Layer[];
}
