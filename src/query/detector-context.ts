import type { DetectorContext, FrameLabel, TrainingExample } from '../analytics/detectors/detector.js';
import { labelFrameSpan } from '../analytics/evaluation/frame-truth.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import type { AudioRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { referenceCountsFor } from './reference-counts.js';

/** Audios of a corpus encoded by `model`, in id order, page by page; stops when `signal` aborts. */
async function* audiosOf(store: Store, corpus: string, model: string, signal: AbortSignal | undefined): AsyncGenerator<AudioRow> {
  const [row] = await store.corpora.requireByNames([corpus]);
  for (let after = 0; ; ) {
    signal?.throwIfAborted();
    const page = await store.audios.listByCorpus(row!.id, 500, after);
    if (!page.length) return;
    for (const a of page) if (a.model === model) yield a;
    after = page.at(-1)!.id;
  }
}

/** Labels to use for one corpus instead of its stored ones (a comparison against a label file). */
export interface LabelOverride {
  corpus: string;
  labels: ReadonlyMap<number, readonly LabelSpan[]>;
  /** Identifies these labels in the fitted-model cache. */
  fingerprint: string;
}

/**
 * What detectors may read, for scoring `audio`: reference and training corpora restricted to the
 * audio's own codec model, a fingerprint of each corpus for the fitted-model cache, and the audio
 * itself held out of any training. `heldOutAudioIds` replaces the held-out set, e.g. with the
 * audio's whole cross-validation fold; the audio itself is always added to it. Once `signal`
 * aborts, every member rejects with its reason before reading the store again.
 */
export function storeDetectorContext(
  store: Store,
  audio: AudioRow,
  heldOutAudioIds: readonly number[] = [audio.id],
  labelOverride?: LabelOverride,
  signal?: AbortSignal,
): DetectorContext {
  const check = (): void => signal?.throwIfAborted();
  const labelsOf = async (corpus: string, audioId: number): Promise<readonly LabelSpan[]> =>
    labelOverride?.corpus === corpus ? (labelOverride.labels.get(audioId) ?? []) : ((await store.audios.labels([audioId])).get(audioId) ?? []);
  return {
    referenceCounts: async (corpus) => {
      check();
      return referenceCountsFor(store, corpus, audio.model);
    },
    async *referenceMatrices(corpus): AsyncGenerator<CodeMatrix> {
      for await (const a of audiosOf(store, corpus, audio.model, signal)) {
        check();
        yield store.audios.window(a.id, 0, a.frameCount);
      }
    },
    async corpusVersion(corpus) {
      check();
      const [row] = await store.corpora.requireByNames([corpus]);
      const stored = await store.corpora.fingerprint(row!.id, audio.model);
      return labelOverride?.corpus === corpus ? `${stored}|labels:${labelOverride.fingerprint}` : stored;
    },
    async corpusAudioIds(corpus) {
      const ids: number[] = [];
      for await (const a of audiosOf(store, corpus, audio.model, signal)) ids.push(a.id);
      return ids;
    },
    async *trainingExamples(corpus, excludeAudioIds): AsyncGenerator<TrainingExample> {
      const excluded = new Set(excludeAudioIds);
      for await (const a of audiosOf(store, corpus, audio.model, signal)) {
        if (excluded.has(a.id)) continue;
        check();
        const spans = await labelsOf(corpus, a.id);
        const labels: FrameLabel[] = [];
        for (const s of spans) {
          const span = labelFrameSpan(s.start, s.end);
          if (span) labels.push({ ...span, label: s.label });
        }
        yield { audioId: a.id, matrix: await store.audios.window(a.id, 0, a.frameCount), labels };
      }
    },
    model: { id: audio.model, sha256: audio.modelSha256 },
    heldOutAudioIds: heldOutAudioIds.includes(audio.id) ? heldOutAudioIds : [...heldOutAudioIds, audio.id],
    ...(signal ? { signal } : {}),
  };
}
