/** Scores per-file detections the way the lab does: class-agnostic and class-aware sed_eval figures, frame AUROC. */
import { evaluate } from '../../src/analytics/evaluation/evaluate.js';
import type { Event } from '../../src/analytics/evaluation/event.js';
import { frameMetrics } from '../../src/analytics/evaluation/frame-metrics.js';
import { labelsToFrameTruth } from '../../src/analytics/evaluation/frame-truth.js';
import { FRAME_SECONDS } from '../../src/domain/contract.js';
import type { LabelSpan } from '../../src/labels/audacity-labels.js';

/** One scored file. */
export interface Detections {
  readonly name: string;
  readonly frames: number;
  readonly reference: readonly LabelSpan[];
  readonly estimated: readonly LabelSpan[];
  readonly scores: ArrayLike<number>;
}

/** The figures the bars name. */
export interface Figures {
  readonly eventF1: number;
  readonly frameAuroc: number;
  readonly macroEventF1: number;
  readonly microEventF1: number;
  readonly classF1: Readonly<Record<string, number>>;
}

export function figures(files: readonly Detections[], classes: readonly string[]): Figures {
  const evaluated = files.map((f) => ({ file: f.name, durationSeconds: f.frames * FRAME_SECONDS }));
  const events = (pick: (f: Detections) => readonly LabelSpan[]): Event[] => files.flatMap((f) => pick(f).map((e) => ({ file: f.name, start: e.start, end: e.end, label: e.label })));
  const agnostic = evaluate(events((f) => f.reference), events((f) => f.estimated), evaluated, { classAgnostic: true, bootstrap: false });
  const aware = evaluate(events((f) => f.reference), events((f) => f.estimated), evaluated, { classes, bootstrap: false });
  const frame = frameMetrics(new Map(files.map((f) => [f.name, f.scores])), new Map(files.map((f) => [f.name, labelsToFrameTruth(f.reference, f.frames)])));
  return {
    eventF1: agnostic.overall.event.f1,
    frameAuroc: frame.auroc,
    macroEventF1: aware.classWiseAverage.event.f1,
    microEventF1: aware.overall.event.f1,
    classF1: Object.fromEntries(classes.map((c) => [c, aware.classWise[c]!.event.f1])),
  };
}
