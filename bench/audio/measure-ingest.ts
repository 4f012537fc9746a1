import { rmSync, statSync } from 'node:fs';
import { loadSettings } from '../../src/config/settings.js';
import { ingestAudioFiles } from '../../src/ingest/ingest-audio-files.js';
import { createApp } from '../../src/main.js';
import type { TestFile } from './test-audio.js';
import { timeRun } from './throughput.js';
import type { Throughput, ThroughputRun } from './throughput.js';

/** End-to-end ingest figures for one concurrency. */
export interface IngestFigures extends Throughput {
  /** Files worked on at once. */
  concurrency: number;
  files: number;
  /** Frames stored per run (checked against the audio length). */
  frames: number;
  /** Size of the DuckDB file after the last run, bytes. */
  databaseBytes: number;
}

/** Removes a DuckDB file and its write-ahead log. */
export function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

/**
 * Ingests the WAVs into a fresh DuckDB file through the app's own wiring (createApp: the audio
 * layer, the encoder pool with the reference encoder on the CPU, the store), `runs` times. Timed:
 * ingestAudioFiles, from the files to the stored codes and aggregates; not timed: opening the
 * database and the encoder (once per server or CLI run).
 */
export async function measureIngest(db: string, files: readonly TestFile[], concurrency: number, runs: number): Promise<IngestFigures> {
  const seconds = files.reduce((a, f) => a + f.seconds, 0);
  const out: ThroughputRun[] = [];
  let frames = 0;
  let databaseBytes = 0;
  for (let i = 0; i < runs; i++) {
    removeDatabase(db);
    const app = await createApp(loadSettings({ dbPath: db, dataRoots: [], apiKey: null, host: '127.0.0.1', port: 0, device: 'cpu', threads: 0 }));
    try {
      const encoder = await app.services.audio.encoders.get();
      out.push(
        await timeRun(async () => {
          const results = await ingestAudioFiles(app.store, files.map((f) => f.path), app.services.audio.input, encoder, { corpus: 'bench-audio', concurrency });
          const bad = results.filter((r) => r.status !== 'ingested');
          if (bad.length || results.length !== files.length) throw new Error(`ingest: ${bad.length} of ${files.length} files not ingested: ${bad.map((r) => `${r.path}: ${r.errors.map((e) => e.message).join('; ')}`).join(' | ')}`);
        }),
      );
      const [corpus] = await app.store.corpora.requireByNames(['bench-audio']);
      const [summary] = await app.store.corpora.summaries([corpus!.id]);
      frames = summary!.frameCount;
    } finally {
      await app.close();
    }
    databaseBytes = statSync(db).size;
  }
  const expected = Math.ceil((seconds * 24_000) / 1920);
  if (Math.abs(frames - expected) > files.length) throw new Error(`ingest stored ${frames} frames, expected about ${expected}`);
  return { audioSeconds: seconds, runs: out, concurrency, files: files.length, frames, databaseBytes };
}
