import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'One parameter run over several values: the configuration becomes one leaderboard row per value.' })
export class ParameterSweepInput {
  @Field({
    description:
      'A parameter of the detector (e.g. "percentile"), or "threshold.<field>" / "segmenter.<field>" for a field of the threshold rule or the segmenter (e.g. "threshold.k"). A threshold field swept without a threshold rule in params fills in the rest of the detector\'s default rule.',
  })
  parameter!: string;

  @Field(() => [GraphQLJSON], { description: 'The values, one row each, in this order.' })
  values!: unknown[];
}

@InputType({ description: 'A detector configuration to compare: a detector, its parameters, and optionally a sweep over one of them.' })
export class DetectorConfigInput {
  @Field({ description: 'Detector name (see `detectors`).' })
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Parameter values by name, as for `detect` (including `threshold` and `segmenter`). A `training` corpus equal to the evaluated corpus is cross-validated by file.' })
  params?: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Threshold rule, e.g. {"rule":"robustZ","k":3}; shorthand for params.threshold, which it replaces.' })
  threshold?: Record<string, unknown> | null;

  @Field(() => ParameterSweepInput, { nullable: true, description: 'Expands this configuration into one per value.' })
  sweep?: ParameterSweepInput | null;
}
