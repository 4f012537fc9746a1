import type { DetectorRegistry, DetectorRun } from '../analytics/detectors/registry.js';
import type { AudioRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { storeDetectorContext } from './detector-context.js';

/**
 * Runs a registered detector on a stored audio; reference corpora are read for the audio's model.
 * `signal` stops the run between store reads and scoring steps (the request's time budget).
 */
export async function detect(
  store: Store,
  registry: DetectorRegistry,
  audioId: number,
  detector: string,
  params: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<{ audio: AudioRow; run: DetectorRun }> {
  registry.get(detector); // unknown names fail before any matrix is read
  const audio = await store.audios.require(audioId);
  signal?.throwIfAborted();
  const matrix = await store.audios.window(audioId, 0, audio.frameCount);
  const run = await registry.run(detector, params, matrix, storeDetectorContext(store, audio, [audio.id], undefined, signal));
  return { audio, run };
}
