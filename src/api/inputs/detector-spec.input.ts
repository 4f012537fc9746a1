import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Which detector to run and with what parameters (see `detectors` for each one\'s parameters and defaults).' })
export class DetectorSpecInput {
  @Field({ description: 'Detector name, e.g. keyLayerVariance, interLayerSpread, coldTokens.' })
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Parameter values by name; omitted ones take their defaults.' })
  params?: Record<string, unknown> | null;
}
