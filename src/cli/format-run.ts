import type { EvaluationRunPartsFragment, MetricPartsFragment, PairedDifferenceQuery } from '../client/generated/graphql.js';
import { formatTable } from './format-table.js';

type Row = EvaluationRunPartsFragment['rows'][number];

/** A run's header, its leaderboard and its per-class table. */
export function formatRun(run: EvaluationRunPartsFragment): string {
  const folds = run.groupBy ? `, folds keep metadata ${run.groupBy} together (${run.groupCount} groups)` : run.groupsFile ? `, folds keep the groups of ${run.groupsFile} together (${run.groupCount} groups)` : '';
  const header = `evaluation run ${run.id}${run.name ? ` "${run.name}"` : ''} on corpus ${run.corpus.name} (${run.model}): ${run.audioCount} audios, ${run.eventCount} labelled events (${run.classes.join(', ') || 'no labels'}); folds ${run.folds}, seed ${run.seed}, bootstrap ${run.bootstrap}${folds}`;
  const table = formatTable(
    ['configuration', 'event F1 [95% CI]', 'P', 'R', 'ER', 'segment F1', 'AUROC', 'AUPRC', 'macro F1', 'ms', 'protocol'],
    run.rows.map((r) => [
      r.configuration,
      withInterval(r.event.f1),
      formatMetric(r.event.precision),
      formatMetric(r.event.recall),
      formatMetric(r.event.errorRate),
      formatMetric(r.segment.f1),
      formatMetric(r.frame.auroc),
      formatMetric(r.frame.auprc),
      formatMetric(r.classAware?.classWiseAverage.event.f1),
      Math.round(r.runMilliseconds),
      protocol(r),
    ]),
  );
  return `${header}\n${table}\n\nper class${run.rows.some((r) => r.classAware) ? ' (class-aware F1, P, R, ER and segment F1 for detectors that name classes)' : ''}\n${formatClassTable(run)}`;
}

/**
 * Per row and class: reference events, event recall and frame AUROC of the class (detections
 * class-agnostic), then the class-aware event F1, precision, recall, error rate and segment F1
 * where the row's detections carry classes ('-' otherwise).
 */
export function formatClassTable(run: EvaluationRunPartsFragment): string {
  return formatTable(
    ['configuration', 'class', 'events', 'event F1', 'P', 'R', 'ER', 'segment F1', 'recall (any class)', 'frame AUROC'],
    run.rows.flatMap((r) =>
      r.classes.map((c) => {
        const aware = r.classAware?.classWise.find((w) => w.label === c.label);
        return [
          r.configuration,
          c.label,
          c.events,
          formatMetric(aware?.event.f1),
          formatMetric(aware?.event.precision),
          formatMetric(aware?.event.recall),
          formatMetric(aware?.event.errorRate),
          formatMetric(aware?.segment.f1),
          formatMetric(c.eventRecall),
          formatMetric(c.frameAuroc),
        ];
      }),
    ),
  );
}

/** A paired bootstrap: each score of a and b, a − b and its interval. */
export function formatDifference(difference: PairedDifferenceQuery['evaluationRun']['pairedDifference']): string {
  const cell = (v: number | null) => (v === null ? '-' : v.toFixed(3));
  const line = (name: string, d: typeof difference.eventF1) => [name, cell(d.a), cell(d.b), cell(d.difference), `[${cell(d.low)}, ${cell(d.high)}]`, d.replicates];
  return (
    `paired bootstrap on run ${difference.run}: a = ${difference.a}, b = ${difference.b}; ${difference.iterations} resamples of the files, seed ${difference.seed}\n` +
    formatTable(['score', 'a', 'b', 'a − b', '95% CI of a − b', 'resamples'], [line('event F1', difference.eventF1), line('frame AUROC', difference.frameAuroc)])
  );
}

function protocol(r: Row): string {
  switch (r.protocol) {
    case 'CROSS_VALIDATED':
      return 'cross-validated';
    case 'TRANSFER':
      return `transfer from ${r.trainingCorpus ?? '?'}`;
    case 'EXTERNAL':
      return 'external';
    case 'NONE':
      return '-';
  }
}

/** A metric's point value with 3 decimals; '-' when undefined or absent. */
export function formatMetric(metric: MetricPartsFragment | null | undefined): string {
  return metric?.value == null ? '-' : metric.value.toFixed(3);
}

function withInterval(metric: MetricPartsFragment): string {
  const bound = (b: number | null) => (b === null ? '?' : b.toFixed(3));
  return `${formatMetric(metric)} [${bound(metric.low)}–${bound(metric.high)}]`;
}
