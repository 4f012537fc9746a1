import type { CodeMatrix } from '../../domain/code-matrix.js';
import type { ReferenceCounts } from '../reference-counts.js';

/** A labelled span of frames in a training example: frames [startFrame, endFrame). */
export interface FrameLabel {
  /** First frame of the span (0-based). */
  readonly startFrame: number;
  /** Frame after the last one of the span (exclusive). */
  readonly endFrame: number;
  /** The label's text, e.g. `cough`. */
  readonly label: string;
}

/** One stored audio of a training corpus: its matrix and its labels converted to frames. */
export interface TrainingExample {
  /** Store id of the audio, compared with the held-out ids. */
  readonly audioId: number;
  readonly matrix: CodeMatrix;
  /** Labelled spans; frames outside every span count as unlabelled (background). */
  readonly labels: readonly FrameLabel[];
}

/**
 * What detectors may ask of the outside world; the store implements it, per scored audio and
 * restricted to that audio's codec model. Detectors never see SQL. Every corpus-reading member
 * rejects with NOT_FOUND for an unknown corpus. Optional members are needed only by some
 * detectors, which fail with a clear message when the context lacks one.
 */
export interface DetectorContext {
  /** Per-layer token histograms of the named reference corpus; rejects with NOT_FOUND if unknown. */
  referenceCounts(corpusName: string): Promise<ReferenceCounts>;
  /** Every matrix of the named corpus, one at a time (bigram surprisal fits on these). */
  referenceMatrices?(corpusName: string): AsyncIterable<CodeMatrix>;
  /**
   * A fingerprint of the named corpus as this context sees it: it must change whenever what the
   * other members return for that corpus would change (audio added or removed, labels edited,
   * another codec model). Fitted models are cached under it; without it nothing is cached.
   */
  corpusVersion?(corpusName: string): Promise<string>;
  /**
   * Store ids of the named corpus's audio (of the scored audio's model), ascending: supervised
   * detectors key their fitted models on the held-out ids that are really in the training corpus,
   * so scoring audio of another corpus shares one fit.
   */
  corpusAudioIds?(corpusName: string): Promise<readonly number[]>;
  /** The labelled audio of the named corpus, leaving out every audio whose id is in `excludeAudioIds`. */
  trainingExamples?(corpusName: string, excludeAudioIds: readonly number[]): AsyncIterable<TrainingExample>;
  /**
   * Store ids of audio that must not be trained on: the scored audio's id when it is stored
   * (e.g. `[audioId]`), or a whole test split; `[]` for a matrix that is not in the store.
   * Supervised detectors refuse to run when it is absent.
   */
  readonly heldOutAudioIds?: readonly number[];
  /**
   * The codec model of the scored audio (its id and, where known, the sha256 of the weights that
   * encoded it): embedding detectors read that model's codebooks. Absent for a bare matrix.
   */
  readonly model?: { readonly id: string; readonly sha256: string | null };
  /**
   * Aborts when the caller stops waiting (the request's time budget is spent): long scoring loops
   * check it between steps, and the store-backed members above reject once it has fired.
   */
  readonly signal?: AbortSignal;
}
