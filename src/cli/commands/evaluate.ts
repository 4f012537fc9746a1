import { evaluate } from '../../analytics/evaluation/evaluate.js';
import { toSedEvalReport } from '../../analytics/comparison/sed-eval-report.js';
import type { SedEvalReport } from '../../analytics/comparison/sed-eval-report.js';
import { lengthsFromEvents } from '../../analytics/evaluation/evaluated-lengths.js';
import type { Scores } from '../../analytics/evaluation/scores.js';
import { invalidArgument } from '../../errors.js';
import { readEventLabels } from '../../labels/read-event-labels.js';
import { formatTable } from '../format-table.js';

/** Options of `tokenscope evaluate`. */
export interface EvaluateCliOptions {
  /** Reference labels: a file or folder (label CSV, DCASE event lists, Audacity tracks). */
  reference: string;
  /** Estimated detections, in any of the same formats. */
  estimated: string;
  /** Print the whole report as JSON. */
  json?: boolean;
  /** Event-based onset collar and smallest offset collar, seconds (sed_eval's t_collar; default 0.2). */
  tCollar?: number;
  /** Segment length of segment-based metrics, seconds (sed_eval's time_resolution; default 1.0). */
  timeResolution?: number;
}

/**
 * What `--json` prints: the inputs and settings, then the class-aware report in the shape of the
 * GraphQL type SedEvalReport (scores as {value, low, high}, bounds null: no bootstrap runs here).
 */
export interface EvaluateCliReport extends SedEvalReport {
  readonly reference: string;
  readonly estimated: string;
  readonly tCollarSeconds: number;
  readonly timeResolutionSeconds: number;
  /** The same detections scored class-agnostically (any estimate may match any reference), also a SedEvalReport. */
  readonly classAgnostic: SedEvalReport;
}

/**
 * Scores estimated detections against reference labels from label files alone (no database), with
 * sed_eval's event-based and segment-based metrics, overall and per class, and class-agnostic
 * overall scores beside them. Every reference file is
 * evaluated over the latest offset among its events; an estimated file absent from the reference →
 * INVALID_ARGUMENT naming it.
 */
export async function evaluateCommand(options: EvaluateCliOptions): Promise<number> {
  const tCollarSeconds = options.tCollar ?? 0.2;
  const timeResolutionSeconds = options.timeResolution ?? 1.0;
  const reference = await readEventLabels(options.reference);
  const estimated = await readEventLabels(options.estimated);
  const known = new Set(reference.files);
  const stray = estimated.files.find((file) => !known.has(file));
  if (stray !== undefined) {
    throw invalidArgument(
      `--estimated ${options.estimated} names the file "${stray}", which the reference ${options.reference} does not have; expected only files among its ${reference.files.length}`,
      { file: stray },
    );
  }
  const files = lengthsFromEvents(reference.files, reference.rows, estimated.rows);
  const settings = { collarSeconds: tCollarSeconds, segmentSeconds: timeResolutionSeconds, bootstrap: false } as const;
  const report = evaluate(reference.rows, estimated.rows, files, settings);
  const agnostic = evaluate(reference.rows, estimated.rows, files, { ...settings, classAgnostic: true });
  const classAgnostic = agnostic.overall;
  if (options.json) {
    const full: EvaluateCliReport = {
      reference: options.reference,
      estimated: options.estimated,
      tCollarSeconds,
      timeResolutionSeconds,
      ...toSedEvalReport(report),
      classAgnostic: toSedEvalReport(agnostic),
    };
    console.log(JSON.stringify(full, null, 2));
    return 0;
  }
  console.log(`${report.files} files, ${report.classes.length} classes; event-based with t_collar ${tCollarSeconds} s, segment-based with ${timeResolutionSeconds} s segments`);
  for (const kind of ['event', 'segment'] as const) {
    const row = (name: string, s: Scores) => [name, s.f1, s.precision, s.recall, s.errorRate, s.substitutionRate, s.deletionRate, s.insertionRate].map(cell);
    const rows = [
      row('overall (micro)', report.overall[kind]),
      row('class-wise average (macro)', report.classWiseAverage[kind]),
      ...report.classes.map((label) => row(label, report.classWise[label]![kind])),
      row('any class (class-agnostic)', classAgnostic[kind]),
    ];
    console.log(`\n${kind}-based`);
    console.log(formatTable(['', 'F1', 'precision', 'recall', 'ER', 'S', 'D', 'I'], rows));
  }
  return 0;
}

/** Scores with 4 decimals (a table of mixed magnitudes reads best aligned); NaN as "-". */
function cell(value: string | number): string {
  return typeof value === 'string' ? value : Number.isNaN(value) ? '-' : value.toFixed(4);
}
