import type { DetectorRegistry, DetectorRun } from '../analytics/detectors/registry.js';
import { MAX_PARAM_DEPTH } from '../analytics/detectors/resolve-params.js';
import { nestingDepth } from '../jsutils/nesting-depth.js';
import { dataVersions } from '../store/data-versions.js';
import type { AudioRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { storeDetectorContext } from './detector-context.js';
import type { ResultCache } from './result-cache.js';
import { stableJson } from './stable-json.js';

/**
 * Runs a registered detector on a stored audio; reference corpora are read for the audio's model.
 * `signal` stops the run between store reads and scoring steps (the request's time budget).
 * With a `cache`, a run with the same audio, detector and parameters is computed once until the
 * data change: runs are deterministic in their inputs, and the key holds the store's data
 * generation because a detector may read any corpus its parameters name.
 */
export async function detect(
  store: Store,
  registry: DetectorRegistry,
  audioId: number,
  detector: string,
  params: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
  cache?: ResultCache,
): Promise<{ audio: AudioRow; run: DetectorRun }> {
  registry.get(detector); // unknown names fail before any matrix is read
  const compute = async () => {
    const audio = await store.audios.require(audioId);
    signal?.throwIfAborted();
    const matrix = await store.audios.window(audioId, 0, audio.frameCount);
    const run = await registry.run(detector, params, matrix, storeDetectorContext(store, audio, [audio.id], undefined, signal));
    return { audio, run };
  };
  // Parameters nested too deep are refused by the run itself (INVALID_ARGUMENT); keying them would overflow the stack first.
  if (!cache || nestingDepth(params, MAX_PARAM_DEPTH) > MAX_PARAM_DEPTH) return compute();
  return cache.get(`detect|${audioId}|${detector}|${stableJson(params)}|generation:${dataVersions(store.db).generation}`, compute);
}
