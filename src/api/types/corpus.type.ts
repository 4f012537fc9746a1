import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A named collection of audios (code matrices).' })
export class Corpus {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Unique name.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({ description: 'When the corpus was created.' })
  createdAt!: Date;
}
