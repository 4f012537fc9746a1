import { basename } from 'node:path';
import { rankRows } from '../analytics/comparison/leaderboard.js';
import type { LeaderboardRow } from '../analytics/comparison/leaderboard.js';
import { scorecard } from '../analytics/comparison/scorecard.js';
import type { ScoredFile } from '../analytics/comparison/scorecard.js';
import { AGNOSTIC_LABEL } from '../analytics/evaluation/event.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';
import { fileStem, readEventLabels } from '../labels/read-event-labels.js';
import type { Store } from '../store/store.js';
import { asEvaluationRun } from './compare-detectors.js';
import type { ComparisonReport, EvaluationRun } from './compare-detectors.js';

/** Detections made elsewhere, to be added to a stored run as a row. */
export interface ExternalDetections {
  /** The stored run. */
  readonly run: number;
  /** A detections file or folder: label CSV, DCASE event list, Audacity track(s). */
  readonly path: string;
  /** The row's name (its configuration), unique within the run. */
  readonly name: string;
}

const SHOWN = 5;

/**
 * Scores detections from a file against the reference a stored run kept, on the run's audios with
 * its bootstrap and seed, and adds them to it as an EXTERNAL row; the leaderboard is re-ranked.
 * Files are matched by stem (the audio's source file name without folder and extension); a file
 * without detections has none. The detections are class-aware when any label is a class of the
 * run. Nothing changes on any error: INVALID_ARGUMENT naming the files the run's audios do not
 * include (or a stem two audios share), a run stored before runs kept their reference, or an
 * empty name; ALREADY_EXISTS for a name a row has; LIMIT_EXCEEDED when the run already holds
 * `maxRows` rows; NOT_FOUND for an unknown run.
 */
export async function addExternalDetections(store: Store, input: ExternalDetections, maxRows: number): Promise<EvaluationRun> {
  const name = input.name.trim();
  if (!name) throw invalidArgument('name must name the row; received an empty name', { argument: 'name' });
  const run = asEvaluationRun(await store.evaluationRuns.require(input.run));
  const { report } = run;
  if (!report.files) {
    throw invalidArgument(`evaluation run ${run.id} was stored before runs kept their reference labels, so detections cannot be scored against it; run the comparison again`, { argument: 'run', value: run.id });
  }
  checkNameFree(report, name, run.id);
  checkRoom(report, run.id, maxRows);
  const detections = await readEventLabels(input.path);
  const audios = await store.audios.findByIds(report.files.map((f) => f.audioId));
  const byStem = new Map<string, number[]>();
  for (const a of audios) byStem.set(fileStem(a.sourcePath), [...(byStem.get(fileStem(a.sourcePath)) ?? []), a.id]);
  const unknown = detections.files.filter((stem) => !byStem.has(stem));
  if (unknown.length) {
    throw invalidArgument(
      `detections ${input.path} name ${unknown.length} file${unknown.length > 1 ? 's' : ''} that run ${run.id}'s audios do not include: ${unknown.slice(0, SHOWN).map((s) => excerpt(s)).join(', ')}${unknown.length > SHOWN ? ` and ${unknown.length - SHOWN} more` : ''}`,
      { argument: 'path', files: unknown.slice(0, SHOWN).map((s) => clip(s)) },
    );
  }
  const shared = detections.files.find((stem) => byStem.get(stem)!.length > 1);
  if (shared !== undefined) {
    throw invalidArgument(`detections ${input.path} name ${excerpt(shared)}, the file name of ${byStem.get(shared)!.length} audios of run ${run.id} (ids ${byStem.get(shared)!.join(', ')}); they cannot be told apart by file name`, { argument: 'path', file: clip(shared) });
  }
  const stemOf = new Map(audios.map((a) => [a.id, fileStem(a.sourcePath)]));
  const files: ScoredFile[] = report.files.map((f) => ({
    file: String(f.audioId),
    frames: f.frames,
    reference: f.reference.map(([start, end, label]) => ({ start, end, label })),
    estimated: detections.rows.filter((r) => r.file === stemOf.get(f.audioId)).map((r) => ({ start: r.start, end: r.end, label: r.label || AGNOSTIC_LABEL })),
    scores: null,
  }));
  const classAware = detections.rows.some((r) => report.classes.includes(r.label));
  const row: LeaderboardRow = {
    configuration: name,
    detector: 'external',
    parameters: { file: basename(input.path) },
    thresholdRule: null,
    segmenter: null,
    crossValidated: false,
    protocol: 'EXTERNAL',
    trainingCorpus: null,
    runMilliseconds: 0,
    ...scorecard(files, report.classes, { iterations: report.bootstrap, seed: report.seed }, { classAware }),
  };
  const plainRow = JSON.parse(JSON.stringify(row)) as LeaderboardRow;
  const updated = await store.evaluationRuns.updateReport(run.id, (stored) => {
    const current = stored as unknown as ComparisonReport;
    checkNameFree(current, name, run.id);
    checkRoom(current, run.id, maxRows);
    return { ...stored, rows: rankRows([...current.rows, plainRow]) };
  });
  return asEvaluationRun(updated);
}

function checkRoom(report: ComparisonReport, run: number, maxRows: number): void {
  if (report.rows.length >= maxRows) {
    throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `run ${run} already has ${report.rows.length} rows, the most a run may hold (${maxRows}); compare again with fewer configurations`, { argument: 'run', max: maxRows });
  }
}

function checkNameFree(report: ComparisonReport, name: string, run: number): void {
  if (report.rows.some((r) => r.configuration === name)) {
    throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `run ${run} already has a row named ${excerpt(name)}; choose another name`, { argument: 'name', value: clip(name) });
  }
}
