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

/** Counts of one layer of a stability measurement (per audio, or summed over a run's audios). */
export interface StabilityLayerRow {
  layer: number;
  /** Frames compared. */
  frames: number;
  /** Frames whose token is the same after the perturbation. */
  agreeing: number;
  /** Edits between the unit sequences (runs of one token collapsed) before and after. */
  edits: number;
  /** Units of the original sequence (the edit distance's denominator). */
  units: number;
}

/** A stored stability run: one (corpus, model, perturbation) with its per-layer sums over the audios measured. */
export interface StabilityRunRow {
  id: number;
  corpusId: number;
  model: string;
  /** sha256 of the encoder ONNX file that re-encoded. */
  modelSha256: string;
  /** The canonical perturbation key (stability/perturbation.ts perturbationKey). */
  perturbation: string;
  createdAt: Date;
  /** Audios measured (those still stored). */
  audios: number;
  /** Audios skipped: codes ingested without an audio file. */
  audiosWithoutSource: number;
  /** Audios skipped: their file is gone or no longer decodes to the stored length. */
  audiosSourceMissing: number;
  /** Audios skipped: encoded by another build (sha256) of the model than the one that re-encoded. */
  audiosOtherEncoder: number;
  /** Layers 1..16 summed over the audios measured (empty when none is left). */
  layers: StabilityLayerRow[];
}

/** One audio's measurement within a stored stability run. */
export interface AudioStabilityRow {
  runId: number;
  audioId: number;
  model: string;
  modelSha256: string;
  perturbation: string;
  createdAt: Date;
  layers: StabilityLayerRow[];
}
