import { Field, InputType } from 'type-graphql';
import { CODES_COLUMN_NAMES } from '../../ingest/codes/parse-parquet.js';

@InputType({ description: 'How to read Parquet code sets (one row per utterance, the codes a nested list [layers][frames] or [frames][layers]); applies to .parquet files only.' })
export class ParquetColumnsInput {
  @Field(() => String, { nullable: true, description: `The codes column; default: the one of ${CODES_COLUMN_NAMES.join(', ')} the file has.` })
  codesColumn?: string | null;

  @Field(() => String, { nullable: true, description: "The column stored as each audio's text; default `text` when the file has it." })
  textColumn?: string | null;

  @Field(() => [String], { nullable: true, description: "Scalar columns stored, as text, in each audio's metadata; default: every scalar column but the codes and text." })
  metadataColumns?: string[] | null;
}
