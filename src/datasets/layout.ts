import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODEBOOK_SIZE, FRAME_RATE, LAYER_COUNT, SAMPLE_RATE, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { repoRoot } from '../jsutils/repo-root.js';
import { DATASET_TABLES } from '../store/parquet-dataset.js';
import type { DatasetTableName, TableRowCounts } from '../store/parquet-dataset.js';

/** What `format` says in every tokenscope dataset's manifest. */
export const DATASET_FORMAT = 'tokenscope-dataset';
/** Version of the layout below; an import refuses other versions. */
export const DATASET_FORMAT_VERSION = 1;
/** The manifest's file name, at the dataset's root. */
export const MANIFEST_FILE = 'dataset.json';

const layerMeaning = (l: number) => `token of layer ${l} (codebook ${l}) at this frame, 0..${CODEBOOK_SIZE - 1}`;

/** What every column means, by table then column (the manifest carries it, docs/datasets.md says the same). */
export const COLUMN_MEANINGS: Readonly<Record<DatasetTableName, Readonly<Record<string, string>>>> = {
  corpora: { corpus: 'corpus name (also the partition folder corpus=<name>)', description: 'free-text description, or null', created_at: 'when the corpus was created (UTC, microseconds)' },
  audios: {
    corpus: 'corpus name (partition)',
    model: 'codec model identity: a registered model id, or external:<name> for ingested codes (partition)',
    audio_key: 'key of the audio within this dataset: frames, labels and statistics refer to it (the exporting store\'s audio id; not kept by an import)',
    content_sha256: 'sha256 of the source file\'s bytes (or of the code matrix for ingested codes); with corpus and model, the audio\'s identity',
    source_path: 'path of the file the audio came from, as the exporting machine saw it',
    source_line: '1-based line of a JSONL (index in a JSON list) the matrix came from; null for whole files',
    frame_count: `frames of the code matrix (${FRAME_RATE} frames per second)`,
    text: 'transcript, or null',
    metadata: 'JSON object of string metadata',
    ingested_at: 'when the audio was stored (UTC, microseconds)',
    source_kind: 'audio when encoded by tokenscope from an audio file; codes when ingested as a code matrix',
    model_sha256: 'sha256 of the ONNX encoder that produced the codes; null for ingested codes',
    source_format: 'container/codec of the source audio file, e.g. wav/pcm_s16le; null for ingested codes',
    source_sample_rate: 'sample rate of the source audio file, Hz; null for ingested codes',
    source_channels: 'channels of the source audio file; null for ingested codes',
    source_samples: 'samples after resampling to 24 kHz (duration = source_samples / 24000 s); null for ingested codes',
    file_size_bytes: 'size of the source file when it was hashed; null when not recorded',
    file_mtime_ms: 'modification time of the source file when it was hashed, ms since the epoch; null when not recorded',
  },
  frames: {
    corpus: 'corpus name (partition)',
    model: 'model identity (partition)',
    audio_key: 'the audio (audios.audio_key)',
    frame: '0-based frame index; an audio has frames 0..frame_count-1, each once',
    ...Object.fromEntries(Array.from({ length: LAYER_COUNT }, (_, i) => [`l${i + 1}`, layerMeaning(i + 1)])),
  },
  labels: {
    corpus: 'corpus name (partition)',
    model: 'model identity (partition)',
    audio_key: 'the audio (audios.audio_key)',
    start_seconds: 'start of the labelled span, seconds from the start of the audio',
    end_seconds: 'end of the labelled span, seconds',
    label: 'the span\'s class',
  },
  audio_layer_stats: {
    corpus: 'corpus name (partition)',
    model: 'model identity (partition)',
    audio_key: 'the audio (audios.audio_key)',
    layer: `layer 1..${LAYER_COUNT}`,
    token_count: 'tokens of the layer in the audio (= frame_count)',
    token_sum: 'sum of the token ids',
    token_sum_sq: 'sum of the squared token ids',
    distinct_tokens: 'distinct token ids',
    entropy_bits: 'Shannon entropy of the layer\'s token histogram, bits (not mergeable: recompute from audio_token_counts)',
  },
  audio_token_counts: {
    corpus: 'corpus name (partition)',
    model: 'model identity (partition)',
    audio_key: 'the audio (audios.audio_key)',
    layer: `layer 1..${LAYER_COUNT}`,
    token: `token id 0..${CODEBOOK_SIZE - 1}`,
    count: 'frames of the audio holding the token on the layer (only non-zero counts are written)',
  },
  corpus_token_counts: {
    corpus: 'corpus name (partition)',
    model: 'model identity (partition)',
    layer: `layer 1..${LAYER_COUNT}`,
    token: `token id 0..${CODEBOOK_SIZE - 1}`,
    count: 'frames of the corpus\'s audios of this model holding the token on the layer: the sum of audio_token_counts',
  },
  evaluation_runs: {
    corpus: 'the evaluated corpus (partition)',
    run_key: 'key of the run within this dataset (the exporting store\'s run id)',
    created_at: 'when the run was stored (UTC, microseconds)',
    name: 'the run\'s name, or null',
    spec: 'JSON: what was compared (detectors, folds, seed, bootstrap)',
    report: 'JSON: the leaderboard; report.files[].audioId and rows[].perFile.files name audios by audio_key',
  },
};

/** One table as the manifest describes it. */
export interface ManifestTable {
  name: DatasetTableName;
  /** Folder of its files, relative to the dataset's root. */
  path: string;
  /** Hive partition columns, outermost first (`<path>/corpus=<name>/model=<model>/part-<i>.parquet`; values URL-encoded). */
  partitionBy: string[];
  rows: number;
  columns: { name: string; type: string; meaning: string }[];
}

/** The dataset.json of a dataset: everything another engine needs to read it. */
export interface DatasetManifest {
  format: typeof DATASET_FORMAT;
  formatVersion: number;
  tokenscopeVersion: string;
  createdAt: string;
  /** The codec contract the codes follow. */
  contract: { layers: number; codebookSize: number; frameRateHz: number; sampleRateHz: number; samplesPerFrame: number };
  corpora: string[];
  tables: ManifestTable[];
}

/** tokenscope's version (package.json), recorded in each manifest. */
export function tokenscopeVersion(): string {
  const root = repoRoot(dirname(fileURLToPath(import.meta.url)));
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The manifest of a dataset of `corpora` whose tables hold `rows`. */
export function buildManifest(corpora: readonly string[], rows: TableRowCounts, createdAt: Date): DatasetManifest {
  return {
    format: DATASET_FORMAT,
    formatVersion: DATASET_FORMAT_VERSION,
    tokenscopeVersion: tokenscopeVersion(),
    createdAt: createdAt.toISOString(),
    contract: { layers: LAYER_COUNT, codebookSize: CODEBOOK_SIZE, frameRateHz: FRAME_RATE, sampleRateHz: SAMPLE_RATE, samplesPerFrame: SAMPLES_PER_FRAME },
    corpora: [...corpora].sort(),
    tables: DATASET_TABLES.map((t) => ({
      name: t.name,
      path: t.name,
      partitionBy: [...t.partitionBy],
      rows: rows[t.name],
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, meaning: COLUMN_MEANINGS[t.name][c.name] ?? '' })),
    })),
  };
}
