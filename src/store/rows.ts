/** Storage row types: what the repositories return. GraphQL types are mapped from these at the edge. */

/** A corpus row. */
export interface CorpusRow {
  id: number;
  name: string;
  description: string | null;
  createdAt: Date;
  /** The dataset it is read from in place, when attached (read-only); absent for a native corpus. */
  attached?: { dataset: string; path: string };
}

/** Aggregate facts about a corpus's audios. */
export interface CorpusSummaryRow {
  corpusId: number;
  audioCount: number;
  frameCount: number;
  models: string[];
}

/** An audio (one code matrix) row. */
export interface AudioRow {
  id: number;
  corpusId: number;
  model: string;
  contentSha256: string;
  sourcePath: string;
  /** 1-based line in a JSONL (or index in a JSON list) the matrix came from; null for whole files. */
  sourceLine: number | null;
  frameCount: number;
  text: string | null;
  metadata: Record<string, string>;
  ingestedAt: Date;
  /** 'audio' when encoded here from an audio file; 'codes' when ingested as a code matrix. */
  sourceKind: 'audio' | 'codes';
  /** sha256 of the ONNX file that encoded it (null for ingested codes). */
  modelSha256: string | null;
  /** The audio file's facts (null for ingested codes). */
  audioSource: { format: string; sampleRate: number; channels: number; samples24k: number } | null;
}

/** Mergeable per-layer aggregates (counts and sums), plus what needs the histogram. */
export interface LayerAggregateRow {
  layer: number;
  tokenCount: number;
  tokenSum: number;
  tokenSumSq: number;
  distinctTokens: number;
  entropyBits: number;
}

/** Per-audio layer aggregates. */
export interface AudioLayerAggregateRow extends LayerAggregateRow {
  audioId: number;
}

/** A token with its count. */
export interface TokenCountRow {
  token: number;
  count: number;
}

/** A token rare in a reference corpus that occurs in a target corpus. */
export interface ColdTokenRow {
  model: string;
  layer: number;
  token: number;
  referenceCount: number;
  targetCount: number;
  audioCount: number;
}

/** How often one (layer, token) occurs in one corpus, from the per-audio token counts. */
export interface TokenCorpusCountRow {
  corpusId: number;
  /** Occurrences (frames holding the token on that layer). */
  count: number;
  /** Audios holding it at least once. */
  audioCount: number;
}

/** A pair of consecutive tokens (frames t and t+1 of one audio, one layer) with its count. */
export interface BigramRow {
  first: number;
  second: number;
  count: number;
}

/** One place a token occurs. */
export interface TokenOccurrenceRow {
  layer: number;
  token: number;
  audioId: number;
  frame: number;
}

/** A stored evaluation run: its spec and report are JSON objects the query layer defines. */
export interface EvaluationRunRow {
  id: number;
  corpusId: number;
  createdAt: Date;
  name: string | null;
  spec: Record<string, unknown>;
  report: Record<string, unknown>;
}
