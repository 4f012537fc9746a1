/** Caps on what one request may ask for; each is stated in the schema docs of the field it bounds. */
export const LIMITS = {
  /** Most audios one `audios`/`Corpus.audios` page returns. */
  maxPageSize: 500,
  /** Most frames one CodeMatrix window holds (327.68 s at 12.5 frames/s). */
  maxWindowFrames: 4096,
  /** Most frames a window may hold when its embeddings are asked for (81.92 s). */
  maxEmbeddingFrames: 1024,
  /** Most columns one `Audio.signal` window is drawn in (a 2,048-pixel-wide panel). */
  maxSignalColumns: 2048,
  /** Most cold tokens one query returns. */
  maxColdTokens: 1000,
  /** Most occurrences listed per cold token. */
  maxOccurrences: 100,
  /** Most occurrences one page of a token search returns. */
  maxOccurrencePage: 500,
  /** Most token pairs one bigram list returns. */
  maxBigrams: 1000,
  /** Most subsample sizes one size-matched comparison evaluates. */
  maxRarefactionSizes: 32,
  /** Most buckets one score envelope is shrunk to. */
  maxEnvelopeBuckets: 4096,
  /** Most token counts one list returns (a whole codebook). */
  maxTokenCounts: 2048,
  /** Most corpora one statistics query merges. */
  maxCorpora: 32,
  /** Most label spans one setAudioLabels mutation writes. */
  maxLabelSpans: 50_000,
  /** Most files or folders one ingest mutation takes. */
  maxIngestPaths: 256,
  /** Most metadata columns one Parquet code-set ingest names. */
  maxMetadataColumns: 256,
  /** Most detector configurations one comparison runs, counted after sweep expansion. */
  maxComparisonConfigurations: 64,
  /** Most background comparisons (startComparison) queued or running at once; they run one at a time. */
  maxActiveComparisons: 8,
  /** Most bootstrap resamples a comparison may ask for. */
  maxBootstrap: 2000,
  /** Most cross-validation folds a comparison may ask for (at least 2). */
  maxFolds: 20,
  /** Deepest selection a query may nest. */
  maxDepth: 10,
  /** Deepest selection an introspection-only query may nest (graphql-js's and GraphiQL's own introspection query nests 15 deep). */
  maxIntrospectionDepth: 16,
  /** Largest estimated cost an operation may have (the field costs of src/api/costs.ts, stated in the schema docs). */
  maxComplexity: 200_000,
  /** Most lexical tokens one GraphQL document may hold (the largest shipped operation has under 300). */
  maxTokens: 5_000,
  /** Most field selections one operation may make, counted after fragment expansion. */
  maxFieldSelections: 1_000,
  /** Most root fields one operation may select, counted after fragment expansion. */
  maxRootFields: 20,
  /** Most times one field name may be selected under an alias in an operation, after fragment expansion. */
  maxAliasesPerField: 50,
  /** Operations estimated to cost at least this much run in the heavy lane. */
  heavyCost: 5_000,
  /** Heavy operations run at once (DuckDB and the event loop share 2 cores; reads use a pool of 4 connections). */
  heavyConcurrency: 2,
  /** Cheap operations run at once. */
  cheapConcurrency: 16,
  /** Operations that may wait for a lane; more are refused at once. */
  maxQueued: 64,
  /** Decode steps (a block of a streamed reconstruction, a window of reconstruction figures) run at once, across all requests. */
  maxConcurrentDecodes: 2,
  /** Decode steps that may wait for a place; more are refused at once (503 on the reconstruction route). */
  maxQueuedDecodes: 16,
  /** Most frames one `Audio.reconstruction` figures window decodes (40 s): the figures are computed while the request waits. */
  maxReconstructionFrames: 500,
  /** Most top-level errors one response carries for partly failed operations (e.g. an ingest's failed files). */
  maxPartialErrors: 100,
} as const;
