/** Caps on what one request may ask for; each is stated in the schema docs of the field it bounds. */
export const LIMITS = {
  /** Most audios one `audios`/`Corpus.audios` page returns. */
  maxPageSize: 500,
  /** Most frames one CodeMatrix window holds (327.68 s at 12.5 frames/s). */
  maxWindowFrames: 4096,
  /** Most cold tokens one query returns. */
  maxColdTokens: 1000,
  /** Most occurrences listed per cold token. */
  maxOccurrences: 100,
  /** Most buckets one score envelope is shrunk to. */
  maxEnvelopeBuckets: 4096,
  /** Most token counts one list returns (a whole codebook). */
  maxTokenCounts: 2048,
  /** Most corpora one statistics query merges. */
  maxCorpora: 32,
  /** Most files or folders one ingest mutation takes. */
  maxIngestPaths: 256,
  /** Most detector configurations one comparison runs, counted after sweep expansion. */
  maxComparisonConfigurations: 64,
  /** Most bootstrap resamples a comparison may ask for. */
  maxBootstrap: 2000,
  /** Most cross-validation folds a comparison may ask for (at least 2). */
  maxFolds: 20,
  /** Deepest selection a query may nest. */
  maxDepth: 10,
  /** Largest estimated cost a query may have (1 per field, list fields multiplied by their size). */
  maxComplexity: 50_000,
  /** Most lexical tokens a query document may have (variables do not count): parsing stops beyond. */
  maxTokens: 10_000,
} as const;
