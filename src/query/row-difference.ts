import { pairedDifference } from '../analytics/comparison/paired-difference.js';
import type { PairedDifference } from '../analytics/comparison/paired-difference.js';
import type { LeaderboardRow } from '../analytics/comparison/leaderboard.js';
import { invalidArgument, notFound } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';
import type { Store } from '../store/store.js';
import { checkLimit } from './check-limit.js';
import { asEvaluationRun } from './compare-detectors.js';

/** Two rows of a run and their paired bootstrap. */
export interface RowDifference extends PairedDifference {
  readonly run: number;
  /** Row a's configuration. */
  readonly a: string;
  /** Row b's configuration. */
  readonly b: string;
  readonly iterations: number;
  readonly seed: number;
}

/**
 * The paired bootstrap of a − b between two rows of a stored run (each named by its configuration,
 * or by its 1-based rank in the leaderboard). NOT_FOUND for an unknown run or row; INVALID_ARGUMENT
 * for a row stored without per-file counts (runs stored before paired bootstraps existed);
 * LIMIT_EXCEEDED for more than `maxIterations` resamples.
 */
export async function rowDifference(store: Store, run: number, a: string, b: string, options: { iterations: number; seed: number; maxIterations: number }): Promise<RowDifference> {
  checkLimit('iterations', options.iterations, options.maxIterations);
  if (!Number.isInteger(options.seed)) throw invalidArgument(`seed must be an integer; received ${options.seed}`, { argument: 'seed', value: options.seed });
  const { report } = asEvaluationRun(await store.evaluationRuns.require(run));
  const rowA = pickRow(report.rows, a, 'a', run);
  const rowB = pickRow(report.rows, b, 'b', run);
  const difference = pairedDifference(perFileOf(rowA, 'a', run), perFileOf(rowB, 'b', run), { iterations: options.iterations, seed: options.seed });
  return { run, a: rowA.configuration, b: rowB.configuration, iterations: options.iterations, seed: options.seed, ...difference };
}

function pickRow(rows: readonly LeaderboardRow[], key: string, argument: string, run: number): LeaderboardRow {
  const named = rows.find((r) => r.configuration === key);
  if (named) return named;
  if (/^\d+$/.test(key) && Number(key) >= 1 && Number(key) <= rows.length) return rows[Number(key) - 1]!;
  throw notFound(`${argument}: run ${run} has no row ${excerpt(key)}; give a configuration or a rank 1..${rows.length} (rows: ${rows.slice(0, 5).map((r) => excerpt(r.configuration)).join(', ')}${rows.length > 5 ? ', …' : ''})`, {
    argument,
    value: clip(key),
  });
}

function perFileOf(row: LeaderboardRow, argument: string, run: number) {
  if (!row.perFile) {
    throw invalidArgument(`${argument}: row ${excerpt(row.configuration)} of run ${run} was stored without per-file counts (before paired bootstraps existed); run the comparison again`, { argument });
  }
  return row.perFile;
}
