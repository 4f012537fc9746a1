import { resolve } from 'node:path';
import { CompareDetectorsDocument, EvaluationRunDocument, EvaluationRunsDocument } from '../../client/generated/graphql.js';
import type { EvaluationRunPartsFragment, MetricPartsFragment } from '../../client/generated/graphql.js';
import { withSweeps } from '../detector-config-args.js';
import type { DetectorConfigArg, SweepArg } from '../detector-config-args.js';
import { CliError, execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope compare`. */
export interface CompareCliOptions extends DbOptions {
  corpus: string;
  detector: DetectorConfigArg[];
  sweep: SweepArg[];
  folds?: number;
  bootstrap?: number;
  seed?: number;
  model?: string;
  name?: string;
  /** A label file (CSV) or folder of Audacity tracks to use instead of the stored labels. */
  labels?: string;
  labelsFormat?: string;
}

/** Options of `tokenscope runs`. */
export interface RunsCliOptions extends DbOptions {
  corpus?: string;
  show?: string;
}

/** Compares detector configurations on a labelled corpus, stores the run and prints its leaderboard. */
export async function compareCommand(options: CompareCliOptions): Promise<number> {
  const detectors = withSweeps(options.detector, options.sweep);
  if (!detectors.length) throw new CliError('give at least one --detector (or --sweep)', 'INVALID_ARGUMENT');
  return withApp(options, async (app) => {
    const { data } = await execute(app, CompareDetectorsDocument, {
      corpus: options.corpus,
      detectors,
      // Left out (not null) when absent, so the schema's defaults apply.
      ...(options.folds !== undefined && { folds: options.folds }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.bootstrap !== undefined && { bootstrap: options.bootstrap }),
      model: options.model ?? null,
      name: options.name ?? null,
      labels: options.labels ? resolve(options.labels) : null,
      ...(options.labelsFormat !== undefined && { labelsFormat: options.labelsFormat.toUpperCase() === 'AUDACITY' ? 'AUDACITY' : 'CSV' }),
    });
    console.log(formatRun(data.compareDetectors));
    return 0;
  });
}

/** Lists stored evaluation runs, or reprints one with --show. */
export async function runsCommand(options: RunsCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    if (options.show) {
      const { data } = await execute(app, EvaluationRunDocument, { id: options.show });
      console.log(formatRun(data.evaluationRun));
      return 0;
    }
    const { data } = await execute(app, EvaluationRunsDocument, { corpus: options.corpus ?? null });
    console.log(
      formatTable(
        ['run', 'name', 'created', 'corpus', 'model', 'audios', 'events', 'configurations', 'best', 'event F1'],
        data.evaluationRuns.map((r) => [r.id, r.name ?? '', r.createdAt, r.corpus.name, r.model, r.audioCount, r.eventCount, r.rows.length, r.rows[0]?.configuration ?? '', value(r.rows[0]?.event.f1)]),
      ),
    );
    return 0;
  });
}

/** A run's header and leaderboard table. */
export function formatRun(run: EvaluationRunPartsFragment): string {
  const header = `evaluation run ${run.id}${run.name ? ` "${run.name}"` : ''} on corpus ${run.corpus.name} (${run.model}): ${run.audioCount} audios, ${run.eventCount} labelled events (${run.classes.join(', ') || 'no labels'}); folds ${run.folds}, seed ${run.seed}, bootstrap ${run.bootstrap}`;
  const table = formatTable(
    ['configuration', 'event F1 [95% CI]', 'P', 'R', 'ER', 'segment F1', 'AUROC', 'AUPRC', 'ms'],
    run.rows.map((r) => [
      `${r.configuration}${r.crossValidated ? ' (cv)' : ''}`,
      withInterval(r.event.f1),
      value(r.event.precision),
      value(r.event.recall),
      value(r.event.errorRate),
      value(r.segment.f1),
      value(r.frame.auroc),
      value(r.frame.auprc),
      Math.round(r.runMilliseconds),
    ]),
  );
  return `${header}\n${table}`;
}

function value(metric: MetricPartsFragment | undefined): string {
  return metric?.value == null ? '-' : metric.value.toFixed(3);
}

function withInterval(metric: MetricPartsFragment): string {
  const bound = (b: number | null) => (b === null ? '?' : b.toFixed(3));
  return `${value(metric)} [${bound(metric.low)}–${bound(metric.high)}]`;
}
