import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Which detector to run and with what parameters (see `detectors` for each one\'s parameters and defaults).' })
export class DetectorSpecInput {
  @Field({ description: 'Detector name: keyLayerVariance, interLayerSpread, coldTokens (the guide\'s), tokenSurprisal, distributionShift, changeRate, tokenEnrichment, embeddingNovelty, embeddingChange, eventClassifier (see `detectors`).' })
  name!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Parameter values by name; omitted ones take their defaults. Besides the detector\'s own parameters: `threshold`, a rule such as {"rule":"percentile","percentile":95}, {"rule":"robustZ","k":3}, {"rule":"fixed","value":2,"comparison":"AT_LEAST"}, {"rule":"topK","k":5}, {"rule":"hysteresis","levels":"percentile","high":95,"low":80}; and `segmenter`: {"mergeGapFrames":2,"minEventFrames":3,"padFrames":1}.',
  })
  params?: Record<string, unknown> | null;
}
