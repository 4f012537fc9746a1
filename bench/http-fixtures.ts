import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/jsutils/mulberry32.js';
import { versionedTransaction } from '../src/store/data-versions.js';
import { storeMatrices } from '../src/store/matrix-writer.js';
import type { Store } from '../src/store/store.js';
import { WavWriter } from './audio/wav-writer.js';
import { BENCH_MODEL } from './build-corpus.js';
import { PROFILE_A, SyntheticCorpus } from './synthetic-corpus.js';

/** Corpus holding the one short audio the HTTP mix asks about (its layers, a detect). */
export const HTTP_CORPUS = 'bench-http';
/** Corpus the ingest during the HTTP benchmark writes into; emptied before each run. */
export const HTTP_INGEST_CORPUS = 'bench-http-ingest';
/** Corpus the same files go into in the side-by-side phase whose encoder uses every core. */
export const HTTP_INGEST_ALL_CORES_CORPUS = 'bench-http-ingest-all-cores';
/** Frames of the short audio: one minute. */
const SHORT_FRAMES = 750;
/** Length of each generated ingest file, seconds. */
const FILE_SECONDS = 600;
const RATE = 24_000;

/**
 * Stores the short audio of the HTTP mix (when absent) and removes what an earlier run ingested;
 * returns the short audio's id.
 */
export async function prepareHttpCorpora(store: Store): Promise<number> {
  for (const name of [HTTP_INGEST_CORPUS, HTTP_INGEST_ALL_CORES_CORPUS]) if ((await store.corpora.findByNames([name])).length) await store.corpora.delete(name);
  const { matrix, contentSha256 } = new SyntheticCorpus(PROFILE_A).audio(0, SHORT_FRAMES);
  const [outcome] = await versionedTransaction(store.db, async (tx) => {
    const corpus = await store.corpora.ensureIn(tx, HTTP_CORPUS);
    return storeMatrices(tx, [{ corpusId: corpus.id, model: BENCH_MODEL, contentSha256, sourcePath: `synthetic://${HTTP_CORPUS}/0`, sourceLine: null, text: null, metadata: {}, matrix }]);
  });
  return outcome!.audioId;
}

/**
 * Writes `minutes` of speech-like test audio (24 kHz mono WAV: tones gliding under noise bursts,
 * seeded) into `dir` as 10-minute files, for the ingest that runs during the third phase; files
 * already there with the right size are kept. Returns the folder.
 */
export async function writeIngestAudio(dir: string, minutes: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const seconds = minutes * 60;
  const sizes: number[] = [];
  for (let left = seconds; left > 0; left -= FILE_SECONDS) sizes.push(Math.min(FILE_SECONDS, left));
  const names = sizes.map((_, i) => `ingest-${String(i).padStart(2, '0')}.wav`);
  for (const f of readdirSync(dir)) if (!names.includes(f)) rmSync(join(dir, f));
  for (const [i, name] of names.entries()) {
    const path = join(dir, name);
    const samples = sizes[i]! * RATE;
    if (existsSync(path) && statSync(path).size === 44 + 2 * samples) continue;
    const rng = mulberry32(0x5eed + i);
    const writer = await WavWriter.create(path, RATE, 1);
    const block = new Int16Array(RATE);
    let phase = 0;
    for (let s = 0; s < samples; s += block.length) {
      const n = Math.min(block.length, samples - s);
      const second = s / RATE;
      const pitch = 120 + 80 * Math.sin(second / 3 + i);
      const voiced = Math.sin(second * 1.7 + i) > -0.3;
      for (let k = 0; k < n; k++) {
        phase += (2 * Math.PI * pitch) / RATE;
        const tone = voiced ? 0.3 * Math.sin(phase) + 0.15 * Math.sin(3 * phase) : 0;
        block[k] = Math.round(32767 * Math.max(-1, Math.min(1, tone + 0.05 * (rng() * 2 - 1))));
      }
      await writer.write(n === block.length ? block : block.subarray(0, n));
    }
    await writer.close();
  }
  return dir;
}
