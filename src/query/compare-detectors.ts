import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { rankRows } from '../analytics/comparison/leaderboard.js';
import type { EvaluationProtocol, LeaderboardRow } from '../analytics/comparison/leaderboard.js';
import { scorecard } from '../analytics/comparison/scorecard.js';
import type { ScoredFile } from '../analytics/comparison/scorecard.js';
import type { DetectorRegistry } from '../analytics/detectors/registry.js';
import { AGNOSTIC_LABEL } from '../analytics/evaluation/event.js';
import { fileFolds } from '../analytics/evaluation/file-folds.js';
import { groupFolds } from '../analytics/evaluation/group-folds.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import type { AudioRow, CorpusRow, EvaluationRunRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { checkLimit } from './check-limit.js';
import { storeDetectorContext } from './detector-context.js';
import { readCorpusLabelFile } from './corpus-labels.js';
import type { LabelFormat } from './corpus-labels.js';
import { resolveConfigurations } from './detector-configurations.js';
import type { DetectorConfiguration, ResolvedConfiguration } from './detector-configurations.js';
import { requireModelCorpus } from './require-model-corpus.js';
import { sourceGroups } from './source-groups.js';
import type { SourceGroupSpec } from './source-groups.js';
import type { LabelOverride } from './detector-context.js';
import type { ComparisonProgress, ComparisonWatch } from './comparison-progress.js';

/** What a comparison evaluates; stored as the run's spec. */
export interface ComparisonSpec {
  /** The evaluated corpus: its audios and their stored labels are the reference. */
  readonly corpus: string;
  readonly detectors: readonly DetectorConfiguration[];
  /** Codec model whose audios are evaluated; needed only when the corpus holds several. */
  readonly model?: string | null;
  /** Cross-validation folds for configurations trained on the evaluated corpus (2..maxFolds). */
  readonly folds: number;
  /** Seed of the fold shuffle and of the bootstrap. */
  readonly seed: number;
  /** Bootstrap resamples B for the 95 % intervals (1..maxBootstrap). */
  readonly bootstrap: number;
  /** Optional name of the run, shown in listings. */
  readonly name?: string | null;
  /**
   * A label file to use as the reference (and as training labels for configurations trained on
   * the evaluated corpus) instead of the stored labels; audios it does not name have no events.
   */
  readonly labels?: { readonly path: string; readonly format: LabelFormat } | null;
  /**
   * Cross-validation folds that keep each source group whole (a metadata key of the audios, or a
   * `file,group` CSV) instead of dealing files one by one.
   */
  readonly groups?: SourceGroupSpec | null;
}

/** Caps of one comparison (the API's LIMITS). */
export interface ComparisonLimits {
  readonly maxConfigurations: number;
  readonly maxBootstrap: number;
  readonly maxFolds: number;
}

/** A comparison's results; stored as the run's report. */
export interface ComparisonReport {
  readonly model: string;
  readonly folds: number;
  readonly seed: number;
  readonly bootstrap: number;
  readonly audioCount: number;
  /** Reference events (stored labels) over all evaluated audios. */
  readonly eventCount: number;
  /** Label values of the corpus, sorted: the classes of the per-class scores. */
  readonly classes: readonly string[];
  /** Best event F1 first. */
  readonly rows: readonly LeaderboardRow[];
  /** The metadata key whose values kept source groups in one fold; null otherwise (absent in older runs). */
  readonly groupBy?: string | null;
  /** The base name of the `file,group` CSV that did; null otherwise. */
  readonly groupsFile?: string | null;
  /** Source groups the folds kept whole (null without groups). */
  readonly groupCount?: number | null;
  /** Every evaluated audio with its frames and reference events, so detections made elsewhere can be scored later (absent in older runs). */
  readonly files?: readonly ReportFile[];
}

/** One evaluated audio as a run keeps it: its frames and reference events [start s, end s, label]. */
export interface ReportFile {
  readonly audioId: number;
  readonly frames: number;
  readonly reference: readonly (readonly [number, number, string])[];
}

/** A stored comparison, typed. */
export interface EvaluationRun extends Omit<EvaluationRunRow, 'spec' | 'report'> {
  readonly spec: ComparisonSpec;
  readonly report: ComparisonReport;
}

/** A stored row with its JSON read back as the types it was written from. */
export function asEvaluationRun(row: EvaluationRunRow): EvaluationRun {
  return { ...row, spec: row.spec as unknown as ComparisonSpec, report: row.report as unknown as ComparisonReport };
}

/**
 * The checks of a comparison that need no store: bootstrap, folds and seed in range, every
 * configuration valid (see resolveConfigurations). Returns the configurations, sweeps expanded.
 */
export function checkComparison(registry: DetectorRegistry, spec: ComparisonSpec, limits: ComparisonLimits): ResolvedConfiguration[] {
  checkLimit('bootstrap', spec.bootstrap, limits.maxBootstrap);
  checkLimit('folds', spec.folds, limits.maxFolds, 2);
  if (!Number.isInteger(spec.seed)) throw invalidArgument(`seed must be an integer; received ${spec.seed}`, { argument: 'seed', value: spec.seed });
  return resolveConfigurations(registry, spec.detectors, limits.maxConfigurations);
}

/**
 * Runs every configuration (sweeps expanded) on every audio of the corpus, scores its detections
 * against the stored labels and stores the leaderboard as an evaluation run. Everything is checked
 * before any scoring, and nothing is stored unless every configuration ran on every audio.
 * Configurations whose `training` corpus is the evaluated one are cross-validated by file: each
 * audio is scored by a model that never saw any audio of its fold. `watch` hears the progress
 * after each audio and may stop the comparison before a configuration.
 */
export async function compareDetectors(store: Store, registry: DetectorRegistry, spec: ComparisonSpec, limits: ComparisonLimits, watch: ComparisonWatch = {}): Promise<EvaluationRun> {
  const configurations = checkComparison(registry, spec, limits);
  const { corpus, model, audios } = await evaluatedAudios(store, spec.corpus, spec.model ?? null);
  // The run is stored with the corpus at the end: refuse an attached one before the work, not after.
  store.evaluationRuns.requireWritable(corpus.id);
  const progress = (step: ComparisonProgress['step'], configurationsDone: number, audiosDone: number) =>
    watch.report?.({ step, configurationsTotal: configurations.length, configurationsDone, audiosTotal: audios.length, audiosDone });
  progress('reading', 0, 0);
  await checkCorpusParameters(store, configurations, model);

  const ids = audios.map((a) => a.id);
  const labels = spec.labels ? await readCorpusLabelFile(store, corpus.name, spec.labels.path, spec.labels.format) : await store.audios.labels(ids);
  const eventCount = [...labels.values()].reduce((n, spans) => n + spans.length, 0);
  if (eventCount === 0) {
    throw invalidArgument(
      spec.labels
        ? `the label file ${spec.labels.path} names no event of corpus ${corpus.name}: a comparison needs labelled events to score against`
        : `corpus ${corpus.name} has no labels: a comparison needs labelled events to score against (import them with \`tokenscope labels import\` or pass --labels)`,
      { argument: spec.labels ? 'labels' : 'corpus', corpus: corpus.name },
    );
  }
  const override: LabelOverride | undefined = spec.labels
    ? { corpus: corpus.name, labels, fingerprint: createHash('sha256').update(JSON.stringify([...labels].sort((a, b) => a[0] - b[0]))).digest('hex') }
    : undefined;
  const matrices = new Map<number, CodeMatrix>();
  for (const a of audios) matrices.set(a.id, await store.audios.window(a.id, 0, a.frameCount));
  const groups = spec.groups ? await sourceGroups(audios, spec.groups) : null;
  const foldOf = new Map<number, readonly number[]>();
  for (const fold of groups ? groupFolds(groups, spec.folds, spec.seed) : fileFolds(ids, spec.folds, spec.seed)) for (const id of fold) foldOf.set(id, fold);
  const classes = [...new Set([...labels.values()].flat().map((l) => l.label))].sort();
  const bootstrap = { iterations: spec.bootstrap, seed: spec.seed };

  const rows: LeaderboardRow[] = [];
  for (const config of configurations) {
    if (watch.shouldStop?.()) throw new Error(`the comparison on corpus ${corpus.name} was stopped after ${rows.length} of ${configurations.length} configurations (the server is stopping); nothing was stored`);
    progress('scoring', rows.length, 0);
    const training = trainingCorpus(config);
    const crossValidated = training === corpus.name;
    const protocol: EvaluationProtocol = training === null ? 'NONE' : crossValidated ? 'CROSS_VALIDATED' : 'TRANSFER';
    const started = performance.now();
    const files: ScoredFile[] = [];
    let classAware = false;
    for (const audio of audios) {
      const heldOut = crossValidated ? foldOf.get(audio.id)! : [audio.id];
      const run = await registry.run(config.detector.name, config.params, matrices.get(audio.id)!, storeDetectorContext(store, audio, heldOut, override));
      if (run.classes) classAware = true;
      files.push({
        file: String(audio.id),
        frames: audio.frameCount,
        reference: (labels.get(audio.id) ?? []).map(toEvent),
        estimated: run.anomalies.map((a) => ({ start: a.startSeconds, end: a.endSeconds, label: a.label ?? AGNOSTIC_LABEL })),
        scores: run.scores,
      });
      progress('scoring', rows.length, files.length);
    }
    const runMilliseconds = performance.now() - started;
    rows.push({
      configuration: config.label,
      detector: config.detector.name,
      parameters: config.resolved,
      thresholdRule: config.thresholdRule,
      segmenter: config.segmenter,
      crossValidated,
      protocol,
      trainingCorpus: training,
      runMilliseconds,
      ...scorecard(files, classes, bootstrap, { classAware }),
    });
  }
  const report: ComparisonReport = {
    model,
    folds: spec.folds,
    seed: spec.seed,
    bootstrap: spec.bootstrap,
    audioCount: audios.length,
    eventCount,
    classes,
    rows: rankRows(rows),
    groupBy: spec.groups?.kind === 'metadata' ? spec.groups.key : null,
    groupsFile: spec.groups?.kind === 'file' ? basename(spec.groups.path) : null,
    groupCount: groups ? new Set(groups.values()).size : null,
    files: audios.map((a) => ({ audioId: a.id, frames: a.frameCount, reference: (labels.get(a.id) ?? []).map((l) => [l.start, l.end, l.label] as const) })),
  };
  progress('storing', rows.length, 0);
  const stored: ComparisonSpec = { ...spec, model };
  // Through JSON once, so the run returned now is exactly the one reopened later.
  const row = await store.evaluationRuns.create(corpus.id, spec.name ?? null, plain(stored), plain(report));
  return asEvaluationRun(row);
}

/** The corpus a configuration trains on (its `training` corpus parameter), or null when it trains on none. */
function trainingCorpus(config: ResolvedConfiguration): string | null {
  const spec = config.detector.parameters.find((p) => p.corpus === 'training');
  const value = spec ? config.resolved[spec.name] : undefined;
  return typeof value === 'string' ? value : null;
}

function toEvent(span: LabelSpan): { start: number; end: number; label: string } {
  return { start: span.start, end: span.end, label: span.label };
}

function plain(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/**
 * The corpus's audios of one model (with at least one frame), in id order: INVALID_ARGUMENT when
 * there are none, MODEL_MISMATCH when the corpus mixes models and `model` is not given, or holds
 * none of `model`.
 */
async function evaluatedAudios(store: Store, name: string, model: string | null): Promise<{ corpus: CorpusRow; model: string; audios: AudioRow[] }> {
  const [corpus] = await store.corpora.requireByNames([name]);
  const all: AudioRow[] = [];
  for (let after = 0; ; ) {
    const page = await store.audios.listByCorpus(corpus!.id, 500, after);
    if (!page.length) break;
    all.push(...page);
    after = page.at(-1)!.id;
  }
  if (!all.length) throw invalidArgument(`corpus "${name}" holds no audio to evaluate`, { argument: 'corpus', value: name });
  const models = [...new Set(all.map((a) => a.model))].sort();
  if (model === null && models.length > 1) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `corpus "${name}" holds codes of several models (${models.join(', ')}); pass model to pick one`, {
      argument: 'model',
      corpus: name,
      models,
    });
  }
  const chosen = model ?? models[0]!;
  if (!models.includes(chosen)) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `corpus "${name}" holds codes of ${models.join(', ')}, not of ${chosen}`, {
      argument: 'model',
      corpus: name,
      model: chosen,
      models,
    });
  }
  return { corpus: corpus!, model: chosen, audios: all.filter((a) => a.model === chosen && a.frameCount > 0) };
}

/** Every corpus a configuration names (reference or training) must exist and hold audio of `model`. */
async function checkCorpusParameters(store: Store, configurations: readonly ResolvedConfiguration[], model: string): Promise<void> {
  const checked = new Set<string>();
  for (const config of configurations) {
    for (const spec of config.detector.parameters) {
      const value = config.resolved[spec.name];
      if (!spec.corpus || typeof value !== 'string' || checked.has(`${spec.corpus}:${value}`)) continue;
      await requireModelCorpus(store, spec.corpus, value, model);
      checked.add(`${spec.corpus}:${value}`);
    }
  }
}
