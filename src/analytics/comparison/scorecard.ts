import { FRAME_SECONDS } from '../../domain/contract.js';
import type { BootstrapOptions } from '../evaluation/bootstrap.js';
import { evaluate } from '../evaluation/evaluate.js';
import { AGNOSTIC_LABEL } from '../evaluation/event.js';
import type { Event } from '../evaluation/event.js';
import { frameMetrics } from '../evaluation/frame-metrics.js';
import { framePairWins } from '../evaluation/frame-pair-wins.js';
import { rankFrames } from '../evaluation/frame-ranking.js';
import { labelsToFrameTruth } from '../evaluation/frame-truth.js';
import { toMetric } from './metric.js';
import type { Metric } from './metric.js';
import type { PerFileCounts } from './per-file-counts.js';
import { toSedEvalReport } from './sed-eval-report.js';
import type { SedEvalReport } from './sed-eval-report.js';

/** One evaluated file: its reference labels, one configuration's detections and per-frame scores. */
export interface ScoredFile {
  /** File name (e.g. the audio id), unique. */
  readonly file: string;
  /** Frames of the file (its duration is frames × 0.08 s). */
  readonly frames: number;
  /** Reference labels, times in seconds, with their class labels. */
  readonly reference: readonly Omit<Event, 'file'>[];
  /** Detected events, seconds; their labels count only for the class-aware scores. */
  readonly estimated: readonly Omit<Event, 'file'>[];
  /** One score per frame (higher = more anomalous); null for detections without scores (external ones). */
  readonly scores: ArrayLike<number> | null;
}

/** Event-based results of one class. */
export interface ClassScore {
  readonly label: string;
  /** Reference events of the class. */
  readonly events: number;
  /** Fraction of the class's reference events matched one-to-one by some detection under the collars. */
  readonly eventRecall: Metric;
  /** AUROC of the scores: frames of this class against frames with no label (other classes left out). */
  readonly frameAuroc: Metric;
}

/** How well one detector configuration found the labelled events. */
export interface Scorecard {
  /** Class-agnostic overall (micro) event-based scores. */
  readonly event: { readonly precision: Metric; readonly recall: Metric; readonly f1: Metric; readonly errorRate: Metric };
  /** Class-agnostic overall segment-based scores (1 s segments). */
  readonly segment: { readonly f1: Metric; readonly errorRate: Metric };
  /** Threshold-free frame scores; truth = any label. Values null without frame scores. */
  readonly frame: { readonly auroc: Metric; readonly auprc: Metric };
  /** One entry per class, in `classes` order. */
  readonly classes: readonly ClassScore[];
  /** sed_eval's class-aware scores of the detections' own classes; null for class-agnostic detections. */
  readonly classAware: SedEvalReport | null;
  /** Per-file counts for a paired bootstrap against another row of the same files. */
  readonly perFile: PerFileCounts;
}

/** Options of `scorecard`. */
export interface ScorecardOptions {
  /** The detections carry classes: also score them class-aware (default false). */
  readonly classAware?: boolean;
}

const NO_METRIC: Metric = { value: null, low: null, high: null };

/**
 * Scores one configuration's detections on `files` against the reference labels with the defaults
 * of `evaluate` (0.2 s collars, optimal matching, 1 s segments), class-agnostic, and frame AUROC and
 * AUPRC; every score with a bootstrap interval over files (`bootstrap`). Per class in `classes`:
 * event recall with the reference restricted to the class, and frame AUROC. With `classAware`,
 * also sed_eval's class-aware report over the sorted union of reference and detected classes.
 */
export function scorecard(files: readonly ScoredFile[], classes: readonly string[], bootstrap: BootstrapOptions, options: ScorecardOptions = {}): Scorecard {
  const evaluated = files.map((f) => ({ file: f.file, durationSeconds: f.frames * FRAME_SECONDS }));
  const withFile = (pick: (f: ScoredFile) => readonly Omit<Event, 'file'>[]): Event[] =>
    files.flatMap((f) => pick(f).map((e) => ({ ...e, file: f.file })));
  const reference = withFile((f) => f.reference);
  const estimated = withFile((f) => f.estimated).map((e) => (e.label === '' ? { ...e, label: AGNOSTIC_LABEL } : e));
  const report = evaluate(reference, estimated, evaluated, { classAgnostic: true, bootstrap, perFile: true });
  const ev = report.overall.event;
  const seg = report.overall.segment;
  const evI = report.intervals!.overall.event;
  const segI = report.intervals!.overall.segment;
  const scored = files.every((f) => f.scores !== null);
  const frame = scored ? frameScores(files, bootstrap) : null;
  return {
    event: {
      precision: toMetric(ev.precision, evI.precision),
      recall: toMetric(ev.recall, evI.recall),
      f1: toMetric(ev.f1, evI.f1),
      errorRate: toMetric(ev.errorRate, evI.errorRate),
    },
    segment: { f1: toMetric(seg.f1, segI.f1), errorRate: toMetric(seg.errorRate, segI.errorRate) },
    frame: frame ? frame.metrics : { auroc: NO_METRIC, auprc: NO_METRIC },
    classes: classes.map((label) => classScore(files, label, estimated, evaluated, bootstrap, scored)),
    classAware: options.classAware ? toSedEvalReport(evaluate(reference, estimated, evaluated, { bootstrap })) : null,
    perFile: {
      files: files.map((f) => f.file),
      event: files.map((f) => {
        const c = report.perFile![f.file]!.event.counts;
        return [c.reference, c.estimated, c.truePositives] as const;
      }),
      frame: frame ? frame.pairs : null,
    },
  };
}

function frameScores(files: readonly ScoredFile[], bootstrap: BootstrapOptions) {
  const truths = files.map((f) => labelsToFrameTruth(f.reference, f.frames));
  const scoresByFile = new Map(files.map((f) => [f.file, f.scores!]));
  const truthByFile = new Map(files.map((f, i) => [f.file, truths[i]!]));
  const frame = frameMetrics(scoresByFile, truthByFile, { bootstrap });
  const ranking = rankFrames(files.map((f) => f.scores!), truths, files.map((f) => f.file));
  return {
    metrics: { auroc: toMetric(frame.auroc, frame.intervals!.auroc), auprc: toMetric(frame.auprc, frame.intervals!.auprc) },
    pairs: framePairWins(ranking, files.length),
  };
}

function classScore(
  files: readonly ScoredFile[],
  label: string,
  estimated: readonly Event[],
  evaluated: readonly { file: string; durationSeconds: number }[],
  bootstrap: BootstrapOptions,
  scored: boolean,
): ClassScore {
  const reference = files.flatMap((f) => f.reference.filter((e) => e.label === label).map((e) => ({ ...e, file: f.file })));
  const report = evaluate(reference, estimated, evaluated, { classAgnostic: true, bootstrap });
  const eventRecall = toMetric(report.overall.event.recall, report.intervals!.overall.event.recall);
  if (!scored) return { label, events: reference.length, eventRecall, frameAuroc: NO_METRIC };
  // Frames of other classes are neither positives nor negatives here: they would blur the class's AUROC.
  const scoresByFile = new Map<string, Float64Array>();
  const truthByFile = new Map<string, Uint8Array>();
  for (const f of files) {
    const mine = labelsToFrameTruth(f.reference, f.frames, { label });
    const any = labelsToFrameTruth(f.reference, f.frames);
    const keep: number[] = [];
    for (let i = 0; i < f.frames; i++) if (mine[i] || !any[i]) keep.push(i);
    scoresByFile.set(f.file, Float64Array.from(keep, (i) => f.scores![i]!));
    truthByFile.set(f.file, Uint8Array.from(keep, (i) => mine[i]!));
  }
  const frame = frameMetrics(scoresByFile, truthByFile, { bootstrap });
  return { label, events: reference.length, eventRecall, frameAuroc: toMetric(frame.auroc, frame.intervals!.auroc) };
}
