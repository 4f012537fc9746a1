import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, dirname } from 'node:path';
import { SAMPLE_RATE } from '../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import { checkLabelSpans, parseAudacityLabels } from '../labels/parse-audacity-labels.js';
import { crashPoint } from '../store/crash-points.js';
import { storeMatrices } from '../store/matrix-writer.js';
import type { AudioSourceFacts, FileIdentity } from '../store/matrix-writer.js';
import type { Store } from '../store/store.js';
import { versionedTransaction } from '../store/data-versions.js';
import { encodeStream } from './encode-stream.js';
import type { FrameEncoder } from './encode-stream.js';
import { fileSha256 } from './file-sha256.js';
import type { IngestFileResult } from './ingest-codes.js';

/** What the ingest needs from the audio layer. */
export interface AudioInput {
  /** Facts about the file before decoding (throws INVALID_AUDIO / UNSUPPORTED_FORMAT). */
  probe(path: string): Promise<{ format: string; sampleRate: number; channels: number; durationSeconds?: number | undefined }>;
  /** Mono 24 kHz chunks of the whole file. */
  read(path: string, options: { chunkSamples: number }): AsyncIterable<Float32Array>;
}

/** The encoder and its identity. */
export interface AudioEncoder extends FrameEncoder {
  modelId: string;
  modelSha256: string;
  /** Frames of left context for contextual models; 0 for frame-local ones. */
  contextFrames: number;
}

/** Options of one file's ingest. */
export interface IngestAudioOptions {
  /** Corpus to store into: created in the file's own transaction when absent, so a file that fails creates nothing. */
  corpus: string;
  /** Frames encoded at once (memory bound: chunkFrames × 1920 × 4 bytes per piece). */
  chunkFrames: number;
  /** Called with seconds of audio decoded so far in this file. */
  onProgress?: (seconds: number) => void;
}

/** The labels beside an audio file (same stem, .txt), or none. */
async function labelsBeside(path: string): Promise<{ path: string; spans: LabelSpan[] } | null> {
  const labelPath = join(dirname(path), `${basename(path, extname(path))}.txt`);
  let text: string;
  try {
    text = await readFile(labelPath, 'utf8');
  } catch {
    return null;
  }
  return { path: labelPath, spans: parseAudacityLabels(text, labelPath) };
}

/**
 * sha256 of a file, with its size and mtime when they held still while it was hashed (a file
 * written meanwhile gets no identity: the media route then hashes it before serving).
 */
async function hashWithIdentity(path: string): Promise<{ sha256: string; file: FileIdentity | null }> {
  const before = await stat(path).catch(() => null);
  const sha256 = await fileSha256(path);
  const after = await stat(path).catch(() => null);
  const still = before && after && before.size === after.size && before.mtimeMs === after.mtimeMs;
  return { sha256, file: still ? { sizeBytes: after.size, mtimeMs: after.mtimeMs } : null };
}

function failed(path: string, error: TokenscopeError): IngestFileResult {
  return { path, ingested: 0, alreadyPresent: 0, audioIds: [], errors: [error], status: 'failed' };
}

/**
 * Ingests one audio file: hash, skip if already stored (same corpus, model and bytes), decode +
 * resample + encode in pieces, check its labels, then store codes, aggregates and labels in one
 * transaction. A bad file is reported, never thrown, so a batch goes on.
 */
export async function ingestAudioFile(store: Store, path: string, input: AudioInput, encoder: AudioEncoder, options: IngestAudioOptions): Promise<IngestFileResult> {
  try {
    const { sha256: sha, file } = await hashWithIdentity(path);
    const [known] = await store.corpora.findByNames([options.corpus]);
    const existing = known ? await store.audios.findByIdentity(known.id, encoder.modelId, sha) : null;
    if (existing !== null) return { path, ingested: 0, alreadyPresent: 1, audioIds: [existing], errors: [], status: 'already-present' };
    const facts = await input.probe(path);
    const labels = await labelsBeside(path);
    const { matrix, samples } = await encodeStream(input.read(path, { chunkSamples: options.chunkFrames * 1920 }), encoder, {
      chunkFrames: options.chunkFrames,
      contextFrames: encoder.contextFrames,
      onSamples: (n) => options.onProgress?.(n / SAMPLE_RATE),
    });
    if (samples === 0) throw new TokenscopeError(ErrorCode.INVALID_AUDIO, `${path}: holds no samples`, { path });
    if (labels) checkLabelSpans(labels.spans, samples / SAMPLE_RATE, labels.path);
    const audioSource: AudioSourceFacts = { format: facts.format, sampleRate: facts.sampleRate, channels: facts.channels, samples24k: samples };
    const [outcome] = await versionedTransaction(store.db, async (tx) => {
      const corpus = await store.corpora.ensureIn(tx, options.corpus);
      const outcomes = await storeMatrices(tx, [
        {
          corpusId: corpus.id,
          model: encoder.modelId,
          modelSha256: encoder.modelSha256,
          contentSha256: sha,
          sourcePath: path,
          sourceLine: null,
          text: null,
          metadata: labels ? { labels: labels.path } : {},
          matrix,
          audioSource,
          ...(file ? { file } : {}),
          labels: labels?.spans ?? [],
        },
      ]);
      crashPoint('ingest-before-commit');
      return outcomes;
    });
    crashPoint('ingest-after-commit');
    return outcome!.status === 'ingested'
      ? { path, ingested: 1, alreadyPresent: 0, audioIds: [outcome!.audioId], errors: [], status: 'ingested', labels: labels?.spans.length ?? 0 }
      : { path, ingested: 0, alreadyPresent: 1, audioIds: [outcome!.audioId], errors: [], status: 'already-present' };
  } catch (err) {
    if (err instanceof TokenscopeError) return failed(path, err);
    throw err;
  }
}
