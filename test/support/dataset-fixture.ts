import { createHash } from 'node:crypto';
import { createDetectorRegistry, BUILT_IN_DETECTORS } from '../../src/analytics/detectors/registry.js';
import { LIMITS } from '../../src/api/limits.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';
import { compareDetectors } from '../../src/query/compare-detectors.js';
import { storeMatrices } from '../../src/store/matrix-writer.js';
import type { NewAudio } from '../../src/store/matrix-writer.js';
import type { Store } from '../../src/store/store.js';

/** Model identity of the fixture's matrices. */
export const DATASET_MODEL = 'external:dataset-fixture';

/**
 * Stores two corpora of generated matrices: `ref` (3 audios, tokens 0..511) and `lab` (5 audios,
 * tokens 0..2047 with a burst of high tokens in frames 20..34, labelled `burst`), one `lab` audio
 * with source facts and file identity; then a changeRate comparison on `lab`, stored as a run.
 */
export async function storeDatasetFixture(store: Store): Promise<void> {
  const random = mulberry32(12);
  const make = (corpusId: number, i: number, frames: number, span: number, burst: boolean): NewAudio => {
    const tokens = new Uint16Array(frames * LAYER_COUNT);
    for (let f = 0; f < frames; f++) {
      for (let l = 0; l < LAYER_COUNT; l++) tokens[f * LAYER_COUNT + l] = burst && f >= 20 && f < 35 ? 1500 + Math.floor(random() * 548) : Math.floor(random() * span);
    }
    const sha = createHash('sha256').update(Buffer.from(tokens.buffer)).digest('hex');
    return {
      corpusId,
      model: DATASET_MODEL,
      contentSha256: sha,
      sourcePath: `/data/fixture/${corpusId}-${i}.npy`,
      sourceLine: i % 2 ? i : null,
      text: i % 2 ? `utterance ${i}` : null,
      metadata: { speaker: `s${i % 2}` },
      matrix: codeMatrix(tokens),
      ...(burst ? { labels: [{ start: 1.6, end: 2.8, label: 'burst' }] } : {}),
      ...(i === 0 && burst ? { modelSha256: 'ab'.repeat(32), audioSource: { format: 'wav/pcm_s16le', sampleRate: 48000, channels: 2, samples24k: frames * 1920 }, file: { sizeBytes: 1234, mtimeMs: 1700000000123.5 } } : {}),
    };
  };
  const ref = await store.corpora.create('ref', 'reference corpus');
  const lab = await store.corpora.create('lab', null);
  await store.db.transaction((tx) => storeMatrices(tx, [0, 1, 2].map((i) => make(ref.id, i, 60 + i * 7, 512, false))));
  await store.db.transaction((tx) => storeMatrices(tx, [0, 1, 2, 3, 4].map((i) => make(lab.id, i, 50 + i * 11, 2048, true))));
  const registry = createDetectorRegistry(BUILT_IN_DETECTORS);
  const limits = { maxConfigurations: LIMITS.maxComparisonConfigurations, maxBootstrap: LIMITS.maxBootstrap, maxFolds: LIMITS.maxFolds };
  await compareDetectors(store, registry, { corpus: 'lab', name: 'fixture run', detectors: [{ name: 'changeRate', params: {} }], folds: 2, seed: 3, bootstrap: 10 }, limits);
}
