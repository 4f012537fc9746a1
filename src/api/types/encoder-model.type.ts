import { Field, ObjectType, UseMiddleware } from 'type-graphql';
import { ShownText } from '../shown-paths.middleware.js';

@ObjectType({ description: 'A registered encoder model (a manifest under the models folder) that ingestAudio can use.' })
export class EncoderModel {
  @Field({ description: 'Model id: pass as ingestAudio(model:).' })
  id!: string;

  @Field({ description: 'True for the server\'s default model (used when ingestAudio names none).' })
  isDefault!: boolean;

  @Field(() => String, { nullable: true, description: 'Encoder family, e.g. tokenscope-reference or qwen3-tts-tokenizer-12hz; null when the manifest is unusable.' })
  family!: string | null;

  @Field(() => String, { nullable: true, description: 'Input/output layout the model was checked to fit; null when the manifest is unusable.' })
  layout!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence as the manifest states it.' })
  licence!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the manifest is unusable; null for a usable model.' })
  @UseMiddleware(ShownText)
  error!: string | null;
}
