import type { Store } from '../store/store.js';
import type { IngestFileResult } from './ingest-codes.js';
import { ingestAudioFile } from './ingest-audio.js';
import type { AudioEncoder, AudioInput } from './ingest-audio.js';
import type { IngestProgress } from './ingest-job.js';
import { listFileEntries } from './list-files.js';
import { takeShard } from './shard-split.js';
import type { Shard } from './shard-split.js';

/** Extensions taken from folders; a file named explicitly is tried whatever its extension. */
export const AUDIO_FILE_EXTENSIONS: readonly string[] = ['.wav', '.wave', '.flac', '.mp3', '.ogg', '.oga', '.opus'];

/** Options of a bulk audio ingest. */
export interface IngestAudioFilesOptions {
  corpus: string;
  /** Files worked on at once (default 1). */
  concurrency?: number;
  /** Frames encoded at once (default 750 = 60 s). */
  chunkFrames?: number;
  onProgress?: (progress: IngestProgress) => void;
  onFile?: (result: IngestFileResult) => void;
  /** Checked between files: once true, no new file is started (what was stored stays). */
  shouldStop?: () => boolean;
  /** Take only the files of this shard (shard-split.ts); null or absent: every file. */
  shard?: Shard | null;
}

/**
 * Ingests audio files and folders of them (only `shard`'s files when one is given) into a corpus
 * (created with the first file stored) with `concurrency` workers. Each file is stored whole or
 * not at all; re-running after an interruption skips what was stored and does the rest.
 */
export async function ingestAudioFiles(store: Store, paths: readonly string[], input: AudioInput, encoder: AudioEncoder, options: IngestAudioFilesOptions): Promise<IngestFileResult[]> {
  const files = takeShard(await listFileEntries(paths, AUDIO_FILE_EXTENSIONS), options.shard ?? null).map((f) => f.path);
  const results: IngestFileResult[] = new Array(files.length);
  const secondsPerFile = new Map<string, number>();
  let totalSeconds = 0;
  for (const f of files) totalSeconds += (await input.probe(f).catch(() => null))?.durationSeconds ?? 0;
  let done = 0;
  let doneSeconds = 0;
  const progress = (): IngestProgress => ({
    filesTotal: files.length,
    filesDone: done,
    audioSecondsDone: doneSeconds + [...secondsPerFile.values()].reduce((a, b) => a + b, 0),
    audioSecondsTotal: totalSeconds,
    currentFiles: [...secondsPerFile.keys()],
  });
  options.onProgress?.(progress());
  let next = 0;
  const worker = async () => {
    while (next < files.length && !options.shouldStop?.()) {
      const index = next++;
      const path = files[index]!;
      secondsPerFile.set(path, 0);
      const result = await ingestAudioFile(store, path, input, encoder, {
        corpus: options.corpus,
        chunkFrames: options.chunkFrames ?? 750,
        onProgress: (s) => {
          secondsPerFile.set(path, s);
          options.onProgress?.(progress());
        },
      });
      doneSeconds += secondsPerFile.get(path) ?? 0;
      secondsPerFile.delete(path);
      done++;
      results[index] = result;
      options.onFile?.(result);
      options.onProgress?.(progress());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return results.filter((r) => r !== undefined);
}
