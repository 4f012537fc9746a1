import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Label interchange formats. */
export enum LabelFormatEnum {
  CSV = 'csv',
  AUDACITY = 'audacity',
}
registerEnumType(LabelFormatEnum, { name: 'LabelFormat', description: 'CSV: one file, columns file,start_s,end_s,label; AUDACITY: one start<TAB>end<TAB>label track per audio (<audio file stem>.txt).' });

@ObjectType({ description: 'An exported label file.' })
export class LabelFile {
  @Field({ description: 'labels.csv, or <audio file stem>.txt for an Audacity track.' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'The audio an Audacity track belongs to; null for the corpus-wide CSV. Float: an attached corpus\'s audio ids are 2^31 and up, past GraphQL\'s Int.' })
  audioId!: number | null;

  @Field()
  content!: string;
}

@ObjectType({ description: 'What a label import wrote.' })
export class LabelImport {
  @Field(() => Int, { description: 'Audios whose labels were replaced.' })
  audios!: number;

  @Field(() => Int, { description: 'Spans written.' })
  labels!: number;
}
