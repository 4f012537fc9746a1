import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LAYER_COUNT } from '../src/domain/contract.js';
import { storeMatrices } from '../src/store/matrix-writer.js';
import type { NewAudio } from '../src/store/matrix-writer.js';
import type { Store } from '../src/store/store.js';
import { loadSettings } from '../src/config/settings.js';
import { createApp } from '../src/main.js';
import type { App } from '../src/main.js';
import { DETECT_FRAMES, FRAMES_PER_AUDIO, GENERATOR_VERSION, PROFILE_A, PROFILE_B, SyntheticCorpus } from './synthetic-corpus.js';
import type { CorpusProfile } from './synthetic-corpus.js';

/** Model identity stored with every synthetic matrix. */
export const BENCH_MODEL = 'external:bench-synthetic';
/** Audios stored per write transaction. */
const BATCH_AUDIOS = 10;

/** One corpus of the benchmark database. */
export interface CorpusPlan {
  name: string;
  profile: CorpusProfile;
  audios: number;
  /** Frames per audio. */
  frames: number;
}

/** The benchmark corpora for `hours` hours in all: two halves (reference and target) plus one 1-hour audio. */
export function benchPlan(hours: number): { a: CorpusPlan; b: CorpusPlan; detect: CorpusPlan } {
  const audios = (hours * 3600 * 12.5) / 2 / FRAMES_PER_AUDIO;
  return {
    a: { name: 'bench-a', profile: PROFILE_A, audios, frames: FRAMES_PER_AUDIO },
    b: { name: 'bench-b', profile: PROFILE_B, audios, frames: FRAMES_PER_AUDIO },
    detect: { name: 'bench-detect', profile: PROFILE_A, audios: 1, frames: DETECT_FRAMES },
  };
}

function describe(plan: CorpusPlan): string {
  return `tokenscope bench corpus (generator v${GENERATOR_VERSION}): ${plan.audios} × ${plan.frames} frames`;
}

/** What building the benchmark corpora cost, kept beside the database so a reused one can still report it. */
export interface IngestFigures {
  /** When the database was built (ISO 8601). */
  builtAt: string;
  audios: number;
  frames: number;
  /** Seconds spent generating matrices. */
  generateSeconds: number;
  /** Seconds spent inside the write transactions (storeMatrices) plus the final CHECKPOINT. */
  storeSeconds: number;
  /** Seconds of the whole build, generation included. */
  wallSeconds: number;
  /** Frames stored per second of store time. */
  framesPerSecond: number;
}

/** True when the store already holds exactly the planned corpora. */
export async function holdsPlan(store: Store, plans: readonly CorpusPlan[]): Promise<boolean> {
  const corpora = await store.corpora.findByNames(plans.map((p) => p.name));
  if (corpora.length !== plans.length) return false;
  const summaries = await store.corpora.summaries(corpora.map((c) => c.id));
  return plans.every((p) => {
    const c = corpora.find((x) => x.name === p.name)!;
    const s = summaries.find((x) => x.corpusId === c.id)!;
    return c.description === describe(p) && s.audioCount === p.audios && s.frameCount === p.audios * p.frames;
  });
}

/** Removes a database file and its write-ahead log. */
export function removeDatabase(path: string): void {
  for (const p of [path, `${path}.wal`, figuresPath(path)]) if (existsSync(p)) rmSync(p);
}

function figuresPath(dbPath: string): string {
  return `${dbPath}.ingest.json`;
}

/** The ingest figures saved when the database at `dbPath` was built, if any. */
export function savedIngestFigures(dbPath: string): IngestFigures | null {
  const p = figuresPath(dbPath);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as IngestFigures) : null;
}

/**
 * Generates the planned corpora audio by audio and stores them through the real write path
 * (storeMatrices inside one transaction per BATCH_AUDIOS audios), timing generation and storage apart.
 */
export async function buildCorpora(store: Store, dbPath: string, plans: readonly CorpusPlan[], log: (line: string) => void): Promise<IngestFigures> {
  const started = performance.now();
  let generateMs = 0;
  let storeMs = 0;
  let frames = 0;
  let audios = 0;
  for (const plan of plans) {
    const corpus = await store.corpora.create(plan.name, describe(plan));
    const generator = new SyntheticCorpus(plan.profile);
    for (let first = 0; first < plan.audios; first += BATCH_AUDIOS) {
      let t = performance.now();
      const batch: NewAudio[] = [];
      for (let i = first; i < Math.min(plan.audios, first + BATCH_AUDIOS); i++) {
        const { matrix, contentSha256 } = generator.audio(i, plan.frames);
        batch.push({ corpusId: corpus.id, model: BENCH_MODEL, contentSha256, sourcePath: `synthetic://${plan.name}/${i}`, sourceLine: null, text: null, metadata: {}, matrix });
      }
      generateMs += performance.now() - t;
      t = performance.now();
      await store.db.transaction((tx) => storeMatrices(tx, batch));
      storeMs += performance.now() - t;
      frames += batch.reduce((a, x) => a + x.matrix.frames, 0);
      audios += batch.length;
      log(`  ${plan.name}: ${Math.min(plan.audios, first + BATCH_AUDIOS)}/${plan.audios} audios, ${frames.toLocaleString('en')} frames stored (${(frames / (storeMs / 1000)).toFixed(0)} frames/s)`);
    }
  }
  const t = performance.now();
  await store.db.query('CHECKPOINT');
  storeMs += performance.now() - t;
  const figures: IngestFigures = {
    builtAt: new Date().toISOString(),
    audios,
    frames,
    generateSeconds: generateMs / 1000,
    storeSeconds: storeMs / 1000,
    wallSeconds: (performance.now() - started) / 1000,
    framesPerSecond: frames / (storeMs / 1000),
  };
  writeFileSync(figuresPath(dbPath), `${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}

/** Tokens in `frames` frames (16 per frame). */
export function tokensOf(frames: number): number {
  return frames * LAYER_COUNT;
}

/** An app on `db` with no data roots, key or result cache, as the benchmarks time the API. */
export function openBenchApp(db: string): Promise<App> {
  return createApp(loadSettings({ dbPath: db, dataRoots: [], apiKey: null, host: '127.0.0.1', port: 0, cacheBytes: 0 }));
}

/** openBenchApp on `db` holding the bench corpus of `hours` (bench-a, bench-b and the detect corpus), built first when it holds another plan or none. */
export async function openBenchCorpus(db: string, hours: number, log: (line: string) => void): Promise<App> {
  const plan = benchPlan(hours);
  const plans = [plan.a, plan.b, plan.detect];
  mkdirSync(dirname(db), { recursive: true });
  let app = await openBenchApp(db);
  if (!(await holdsPlan(app.store, plans))) {
    await app.close();
    removeDatabase(db);
    app = await openBenchApp(db);
    log(`building ${hours} hours of synthetic codes in ${db}`);
    await buildCorpora(app.store, db, plans, log);
  }
  return app;
}
