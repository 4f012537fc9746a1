import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AudioRow } from '../../store/rows.js';
import type { AudioDecoder } from '../reconstructions.js';

@ObjectType({ description: 'The decoder a reconstruction is made with: the one the audio\'s model names (docs/decoders.md).' })
export class ReconstructionDecoder {
  @Field({ description: 'Decoder kind: onnx, or reference (tokenscope\'s own signal-processing decoder).' })
  kind!: string;

  @Field({ description: 'One line saying what the decoder is.' })
  summary!: string;

  @Field({ description: 'Whether it can leave layers out (it decodes partial sums of the dequantized vectors, like the reference decoder); false for decoders that take token ids, which decode all 16 layers only.' })
  partialSums!: boolean;

  @Field({ description: 'sha256 of what decides its output besides the codes: the ONNX decoder file, or, for the reference decoder, the model\'s codebooks file.' })
  sha256!: string;
}

@ObjectType({ description: 'Quality figures of a window of a reconstruction against the original audio (docs/reference-decoder.md, "Metrics": 512-sample Hann frames, hop 128, over frames whose original is not silent).' })
export class ReconstructionQuality {
  @Field(() => Int, { description: 'First frame of the window (0-based).' })
  startFrame!: number;

  @Field(() => Int, { description: 'Frames in the window (cut at the audio\'s end).' })
  frameCount!: number;

  @Field(() => Int, { description: 'Samples compared at 24 kHz: the window, cut to the original\'s length.' })
  samples!: number;

  @Field(() => Int, { description: 'Analysis frames whose original is not silent (mean square ≥ 1e-6): the means run over these.' })
  activeFrames!: number;

  @Field(() => Float, { nullable: true, description: 'Log-spectral distance, dB (0 for identical signals); null when no analysis frame is active.' })
  logSpectralDistanceDb!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mel-cepstral distortion over c1..c24 of 40 mel bands, dB (0 for identical spectral shape, whatever the gain); null when no analysis frame is active.' })
  melCepstralDistortionDb!: number | null;
}

@ObjectType({ description: 'The audio its codes decode to, with some or all layers: a 24 kHz mono 16-bit WAV of exactly frameCount × 1920 samples, streamed from `url`.' })
export class Reconstruction {
  @Field({ description: 'Where it streams from, with HTTP range requests: /media/reconstruction/<id>, with ?layers=… when not all 16 are kept.' })
  url!: string;

  @Field(() => [Int], { description: 'Layers kept (1..16, ascending).' })
  layers!: number[];

  @Field({ description: 'The layers kept as text: 1-16, 1-8, 1-4, 9.' })
  layersText!: string;

  @Field(() => Int, { description: 'Samples at 24 kHz: frameCount × 1920.' })
  samples!: number;

  @Field(() => Float, { description: 'Duration, seconds: samples / 24000.' })
  seconds!: number;

  @Field(() => ReconstructionDecoder)
  decoder!: ReconstructionDecoder;

  /** The audio and its opened decoder, for the quality resolver. */
  row!: AudioRow;
  opened!: AudioDecoder;
}
