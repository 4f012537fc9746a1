import { storeMatrices } from '../../src/store/matrix-writer.js';
import type { NewAudio } from '../../src/store/matrix-writer.js';
import type { Store } from '../../src/store/store.js';
import { BENCH_MODEL } from '../build-corpus.js';
import { FRAMES_PER_AUDIO, SyntheticCorpus } from '../synthetic-corpus.js';
import { SCALE_CORPORA, corpusDescription } from './shard-plan.js';
import type { ShardPlan } from './shard-plan.js';

/** Audios stored per write transaction (as bench/build-corpus.ts). */
const BATCH_AUDIOS = 10;

/** True when the store holds exactly the shard's planned corpora (so a rerun can reuse it). */
export async function holdsShard(store: Store, plan: ShardPlan): Promise<boolean> {
  const corpora = await store.corpora.findByNames(SCALE_CORPORA.map((c) => c.name));
  if (corpora.length !== SCALE_CORPORA.length) return false;
  const summaries = await store.corpora.summaries(corpora.map((c) => c.id));
  return summaries.every((s) => s.audioCount === plan.audiosPerCorpus && s.frameCount === plan.audiosPerCorpus * FRAMES_PER_AUDIO);
}

/**
 * Generates the shard's audios (bench/synthetic-corpus.ts, the corpus's audios firstAudio … +n)
 * and stores them through the real write path, BATCH_AUDIOS per transaction; returns the frames stored.
 */
export async function buildShard(store: Store, plan: ShardPlan): Promise<number> {
  let frames = 0;
  for (const { name, profile } of SCALE_CORPORA) {
    const corpus = await store.corpora.create(name, corpusDescription(name));
    const generator = new SyntheticCorpus(profile);
    for (let first = 0; first < plan.audiosPerCorpus; first += BATCH_AUDIOS) {
      const batch: NewAudio[] = [];
      for (let j = first; j < Math.min(plan.audiosPerCorpus, first + BATCH_AUDIOS); j++) {
        const index = plan.firstAudio + j;
        const { matrix, contentSha256 } = generator.audio(index, FRAMES_PER_AUDIO);
        batch.push({ corpusId: corpus.id, model: BENCH_MODEL, contentSha256, sourcePath: `synthetic://${name}/${index}`, sourceLine: null, text: null, metadata: {}, matrix });
      }
      await store.db.transaction((tx) => storeMatrices(tx, batch));
      frames += batch.length * FRAMES_PER_AUDIO;
    }
  }
  await store.db.checkpoint();
  return frames;
}
