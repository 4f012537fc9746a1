import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A window of frames of an audio\'s codes. layerMajor is 16 rows × frameCount (as the guide prints it, row 0 = layer 1); frameMajor is frameCount rows × 16 (as the official tokenizer returns it).',
})
export class CodeMatrixWindow {
  @Field(() => ID)
  audioId!: string;

  @Field(() => Int, { description: 'First frame of the window (0-based).' })
  startFrame!: number;

  @Field(() => Int, { description: 'Frames in the window (may be fewer than asked at the end of the audio).' })
  frameCount!: number;

  @Field(() => Float, { description: 'startFrame × 0.08 s.' })
  startSeconds!: number;

  @Field(() => Float, { description: '(startFrame + frameCount) × 0.08 s.' })
  endSeconds!: number;

  /** Not exposed: the model that encoded the audio (embeddings use its codebooks). */
  model!: string;

  /** Not exposed: the sha256 of that model's ONNX, where known. */
  modelSha256!: string | null;

  /** Not exposed: the window's frame-major tokens (layerMajor and frameMajor are built from them only when asked for). */
  tokens!: Uint16Array;
}
