import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { MediaUnavailableReason } from '../media-access.js';

registerEnumType(MediaUnavailableReason, {
  name: 'MediaUnavailableReason',
  description: 'CODES_ONLY: ingested as codes, no original audio; OUTSIDE_DATA_ROOTS: the file lies outside the folders this server may read; FILE_MISSING: the file is no longer where it was ingested from.',
});

@ObjectType({ description: 'Why an audio\'s original cannot be played here (its mediaUrl is null).' })
export class MediaUnavailable {
  @Field(() => MediaUnavailableReason)
  reason!: MediaUnavailableReason;

  @Field({ description: 'The reason in a sentence, with what would allow playback (naming the folder only to a trusted caller).' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'For OUTSIDE_DATA_ROOTS, the folder to pass as `serve --data-root` to play it; null otherwise and for callers without the API key (beyond a keyless loopback server).' })
  dataRoot!: string | null;
}
