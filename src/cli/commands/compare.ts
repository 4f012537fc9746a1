import { resolve } from 'node:path';
import {
  AddDetectionsToRunDocument,
  CompareDetectorsDocument,
  EvaluationRunDocument,
  EvaluationRunsDocument,
  PairedDifferenceDocument,
} from '../../client/generated/graphql.js';
import type { EvaluationRunPartsFragment } from '../../client/generated/graphql.js';
import { formatDifference, formatMetric, formatRun } from '../format-run.js';
import { withSweeps } from '../detector-config-args.js';
import type { DetectorConfigArg, SweepArg } from '../detector-config-args.js';
import { CliError, execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope compare`. */
export interface CompareCliOptions extends DbOptions {
  /** The evaluated corpus; not with --add-detections. */
  corpus?: string;
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
  /** Source groups held together by the folds: a metadata key of the audios. */
  groupBy?: string;
  /** Source groups held together by the folds: a file,group CSV. */
  groups?: string;
  /** Print the whole run as JSON, field names as in the GraphQL schema. */
  json?: boolean;
  /** A detections file to add to the stored run `run` as a row named `name`, instead of comparing. */
  addDetections?: string;
  run?: string;
}

/** Options of `tokenscope runs`. */
export interface RunsCliOptions extends DbOptions {
  corpus?: string;
  show?: string;
  /** With --show: a paired bootstrap between these two rows (configurations or ranks). */
  diff?: string[];
  /** Resamples of the paired bootstrap (default 1000). */
  iterations?: number;
  /** Print the run (or the difference) as JSON, field names as in the GraphQL schema. */
  json?: boolean;
}

/** Compares detector configurations on a labelled corpus, stores the run and prints its leaderboard. */
export async function compareCommand(options: CompareCliOptions): Promise<number> {
  if (options.addDetections !== undefined) return addDetections(options);
  if (options.corpus === undefined) throw new CliError('give --corpus (or --add-detections with --run and --name)', 'INVALID_ARGUMENT');
  const detectors = withSweeps(options.detector, options.sweep);
  if (!detectors.length) throw new CliError('give at least one --detector (or --sweep)', 'INVALID_ARGUMENT');
  return withApp(options, async (app) => {
    const { data } = await execute(app, CompareDetectorsDocument, {
      corpus: options.corpus!,
      detectors,
      // Left out (not null) when absent, so the schema's defaults apply.
      ...(options.folds !== undefined && { folds: options.folds }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.bootstrap !== undefined && { bootstrap: options.bootstrap }),
      model: options.model ?? null,
      name: options.name ?? null,
      labels: options.labels ? resolve(options.labels) : null,
      ...(options.labelsFormat !== undefined && { labelsFormat: options.labelsFormat.toUpperCase() === 'AUDACITY' ? 'AUDACITY' : 'CSV' }),
      groupBy: options.groupBy ?? null,
      groups: options.groups ? resolve(options.groups) : null,
    });
    printRun(data.compareDetectors, options.json);
    return 0;
  });
}

/** `compare --add-detections FILE --run ID --name N`: scores the file against the run's reference and adds it as a row. */
async function addDetections(options: CompareCliOptions): Promise<number> {
  if (options.run === undefined || options.name === undefined) throw new CliError('--add-detections needs --run <id> and --name <row name>', 'INVALID_ARGUMENT');
  if (options.corpus !== undefined || options.detector.length || options.sweep.length) {
    throw new CliError('--add-detections adds a row to a stored run: give --run, not --corpus, --detector or --sweep', 'INVALID_ARGUMENT');
  }
  return withApp(options, async (app) => {
    const { data } = await execute(app, AddDetectionsToRunDocument, { run: options.run!, path: resolve(options.addDetections!), name: options.name! });
    printRun(data.addDetectionsToRun, options.json);
    return 0;
  });
}

/** The run as tables, or as the GraphQL result itself (its fields named as in the schema). */
function printRun(run: EvaluationRunPartsFragment, json: boolean | undefined): void {
  console.log(json ? JSON.stringify(run, null, 2) : formatRun(run));
}

/** Lists stored evaluation runs, or reprints one with --show. */
export async function runsCommand(options: RunsCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    if (options.diff && !options.show) throw new CliError('--diff needs --show <run id>', 'INVALID_ARGUMENT');
    if (options.show && options.diff) {
      if (options.diff.length !== 2) throw new CliError(`--diff takes two rows (configurations or ranks); received ${options.diff.length}`, 'INVALID_ARGUMENT');
      const [a, b] = options.diff;
      const { data } = await execute(app, PairedDifferenceDocument, { id: options.show, a: a!, b: b!, ...(options.iterations !== undefined && { iterations: options.iterations }) });
      const difference = data.evaluationRun.pairedDifference;
      console.log(options.json ? JSON.stringify(difference, null, 2) : formatDifference(difference));
      return 0;
    }
    if (options.show) {
      const { data } = await execute(app, EvaluationRunDocument, { id: options.show });
      printRun(data.evaluationRun, options.json);
      return 0;
    }
    const { data } = await execute(app, EvaluationRunsDocument, { corpus: options.corpus ?? null });
    console.log(
      formatTable(
        ['run', 'name', 'created', 'corpus', 'model', 'audios', 'events', 'configurations', 'best', 'event F1'],
        data.evaluationRuns.map((r) => [r.id, r.name ?? '', r.createdAt, r.corpus.name, r.model, r.audioCount, r.eventCount, r.rows.length, r.rows[0]?.configuration ?? '', formatMetric(r.rows[0]?.event.f1)]),
      ),
    );
    return 0;
  });
}
