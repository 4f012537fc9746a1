import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { perLayer } from '../costs.js';

@ObjectType({ description: 'How one layer\'s tokens held up under a perturbation: counts (sums over audios for a run) and the two ratios they give.' })
export class LayerStability {
  @Field(() => Int, { description: 'Layer number 1..16.' })
  layer!: number;

  @Field(() => Float, { description: 'Frames of the original codes compared.' })
  frames!: number;

  @Field(() => Float, { description: 'Frames whose token is the same after the perturbation.' })
  agreeing!: number;

  @Field(() => Float, { description: 'Levenshtein distance between the unit sequences (runs of one token collapsed) before and after.' })
  edits!: number;

  @Field(() => Float, { description: 'Units of the original sequence.' })
  units!: number;

  @Field(() => Float, { nullable: true, description: 'agreeing / frames, 0..1; null when no frame was compared.' })
  agreement!: number | null;

  @Field(() => Float, { nullable: true, description: 'Unit edit distance (UED): edits / units, 0 for identical unit sequences; null when there are no units.' })
  unitEditDistance!: number | null;
}

@ObjectType({ description: 'A stored token stability run: one corpus, one model and one perturbation, re-encoded by the encoder build named by modelSha256.' })
export class StabilityRun {
  @Field(() => ID)
  id!: string;

  corpusId!: number;

  @Field({ description: 'Codec model whose audios were measured.' })
  model!: string;

  @Field({ description: 'sha256 of the encoder ONNX file that re-encoded (the build the audios were encoded with).' })
  modelSha256!: string;

  @Field({ description: 'The perturbation\'s canonical key, e.g. noise:colour=white,snr=20,seed=0 or roundtrip:layers=1-8.' })
  perturbation!: string;

  @Field({ description: 'When the run was stored; a run of the same corpus, model and perturbation replaces it.' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Audios measured (those still stored).' })
  audios!: number;

  @Field(() => Int, { description: 'Audios skipped because they were ingested as codes, without an audio file.' })
  audiosWithoutSource!: number;

  @Field(() => Int, { description: 'Audios skipped because their file is gone or holds other bytes than at ingest.' })
  audiosSourceMissing!: number;

  @Field(() => Int, { description: 'Audios skipped because another build (sha256) of the model encoded them.' })
  audiosOtherEncoder!: number;

  @Field(() => Float, { description: 'Frames measured (each layer compares this many).' })
  frames!: number;

  @Field(() => [LayerStability], { description: 'Layers 1..16, summed over the audios measured. Cost: 16 × selection.', complexity: perLayer(0) })
  layers!: LayerStability[];
}

@ObjectType({ description: 'One audio\'s measurement within a stored stability run.' })
export class AudioStability {
  @Field(() => ID, { description: 'The run it belongs to (Corpus.stability lists it with its corpus-wide sums).' })
  runId!: string;

  @Field()
  model!: string;

  @Field()
  modelSha256!: string;

  @Field({ description: 'The perturbation\'s canonical key.' })
  perturbation!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Float, { description: 'Frames of this audio measured.' })
  frames!: number;

  @Field(() => [LayerStability], { description: 'Layers 1..16. Cost: 16 × selection.', complexity: perLayer(0) })
  layers!: LayerStability[];
}
