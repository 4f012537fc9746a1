import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { notFound } from '../../src/errors.js';
import type { DetectorContext, FrameLabel, TrainingExample } from '../../src/analytics/detectors/detector.js';
import { referenceCountsOf } from '../../src/analytics/token-histogram.js';

/** One corpus held in memory: its audio (id, matrix, labels in frames). */
export interface MemoryAudio {
  readonly audioId: number;
  readonly matrix: CodeMatrix;
  readonly labels?: readonly FrameLabel[];
}

/** A DetectorContext over corpora in memory, counting how often each member was asked. */
export interface MemoryDetectorContext extends DetectorContext {
  /** Replaces a corpus's audio and bumps its version, as an ingest or a deletion would. */
  setCorpus(name: string, audio: readonly MemoryAudio[]): void;
  /** Calls per member name, e.g. `referenceMatrices`. */
  readonly calls: Map<string, number>;
}

let contexts = 0;

/**
 * An in-memory DetectorContext for tests: every member the store implements, NOT_FOUND for an
 * unknown corpus, versions `c<context>-v1`, `-v2`, … bumped by setCorpus (unique per context, as
 * a content fingerprint would be); `heldOutAudioIds` as given, `[]` by default, absent for null.
 */
export function memoryDetectorContext(
  corpora: Readonly<Record<string, readonly MemoryAudio[]>>,
  heldOutAudioIds: readonly number[] | null = [],
): MemoryDetectorContext {
  const instance = ++contexts;
  const held = new Map<string, { audio: readonly MemoryAudio[]; version: number }>();
  for (const [name, audio] of Object.entries(corpora)) held.set(name, { audio, version: 1 });
  const calls = new Map<string, number>();
  const corpus = (member: string, name: string): readonly MemoryAudio[] => {
    calls.set(member, (calls.get(member) ?? 0) + 1);
    const entry = held.get(name);
    if (!entry) throw notFound(`no corpus named ${JSON.stringify(name)}`, { corpus: name });
    return entry.audio;
  };
  return {
    calls,
    ...(heldOutAudioIds === null ? {} : { heldOutAudioIds }),
    setCorpus(name, audio) {
      held.set(name, { audio, version: (held.get(name)?.version ?? 0) + 1 });
    },
    referenceCounts: async (name) => referenceCountsOf(corpus('referenceCounts', name).map((a) => a.matrix)),
    referenceMatrices: (name) => iterate(() => corpus('referenceMatrices', name).map((a) => a.matrix)),
    corpusVersion: async (name) => {
      corpus('corpusVersion', name);
      return `c${instance}-v${held.get(name)!.version}`;
    },
    corpusAudioIds: async (name) => corpus('corpusAudioIds', name).map((a) => a.audioId).sort((a, b) => a - b),
    trainingExamples: (name, exclude) =>
      iterate(() =>
        corpus('trainingExamples', name)
          .filter((a) => !exclude.includes(a.audioId))
          .map((a): TrainingExample => ({ audioId: a.audioId, matrix: a.matrix, labels: a.labels ?? [] })),
      ),
  };
}

/** An async iterable whose source is read when iteration starts (so NOT_FOUND surfaces there). */
function iterate<T>(source: () => readonly T[]): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* source();
    },
  };
}
