import 'reflect-metadata';
import { lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AudioResolver } from './resolvers/audio.resolver.js';
import { AudioSignalResolver } from './resolvers/audio-signal.resolver.js';
import { AudioReconstructionResolver, ReconstructionResolver } from './resolvers/audio-reconstruction.resolver.js';
import { CodeMatrixResolver } from './resolvers/code-matrix.resolver.js';
import { ComparisonJobResolver } from './resolvers/comparison-job.resolver.js';
import { CorpusResolver } from './resolvers/corpus.resolver.js';
import { AttachedDatasetResolver } from './resolvers/attached-dataset.resolver.js';
import { DatasetResolver } from './resolvers/dataset.resolver.js';
import { ShardResolver } from './resolvers/shard.resolver.js';
import { DetectionResultResolver } from './resolvers/detection-result.resolver.js';
import { DetectorResolver } from './resolvers/detector.resolver.js';
import { EmbeddingSpaceResolver } from './resolvers/embedding-space.resolver.js';
import { EvaluationRunResolver } from './resolvers/evaluation-run.resolver.js';
import { IngestAudioResolver } from './resolvers/ingest-audio.resolver.js';
import { IngestResolver } from './resolvers/ingest.resolver.js';
import { IntegrityResolver } from './resolvers/integrity.resolver.js';
import { LabelsResolver } from './resolvers/labels.resolver.js';
import { LayerResolver } from './resolvers/layer.resolver.js';
import { ModelsResolver } from './resolvers/models.resolver.js';
import { RarefactionResolver, RarefiedLayerResolver } from './resolvers/rarefaction.resolver.js';
import { AudioStabilityResolver, CorpusStabilityResolver } from './resolvers/stability.resolver.js';
import { StatsResolver, TokenOccurrenceResolver } from './resolvers/stats.resolver.js';
import { TokenSearchResolver } from './resolvers/token-search.resolver.js';

let built: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema (built once per process). */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [CorpusResolver, AudioResolver, AudioSignalResolver, AudioReconstructionResolver, ReconstructionResolver, CodeMatrixResolver, LayerResolver, StatsResolver, TokenOccurrenceResolver, DetectorResolver, DetectionResultResolver, IngestResolver, IngestAudioResolver, EvaluationRunResolver, ComparisonJobResolver, LabelsResolver, ModelsResolver, EmbeddingSpaceResolver, TokenSearchResolver, RarefactionResolver, RarefiedLayerResolver, IntegrityResolver, DatasetResolver, ShardResolver, CorpusStabilityResolver, AudioStabilityResolver, AttachedDatasetResolver],
    validate: false,
  });
  return built;
}

/** The schema as SDL, types and fields sorted: the committed contract in schema/schema.graphql. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
