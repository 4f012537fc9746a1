import { audioName } from '../domain/audio-name.js';
import type { Detector } from '../analytics/detectors/detector.js';
import type { DetectorRun } from '../analytics/detectors/registry.js';
import { flaggedFrames } from '../analytics/threshold.js';
import { FRAME_SECONDS, SAMPLE_RATE, frameToSeconds } from '../domain/contract.js';
import type { IngestFileResult as IngestFileOutcome } from '../ingest/ingest-codes.js';
import type { LayerValues } from '../query/layer-values.js';
import type { AudioRow, CorpusRow } from '../store/rows.js';
import { Audio } from './types/audio.type.js';
import type { AudioLabel } from './types/audio.type.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import { labelFrameSpan } from '../analytics/evaluation/frame-truth.js';
import { Corpus } from './types/corpus.type.js';
import { DetectionResult, DetectorInfo, ThresholdComparison } from './types/detection.type.js';
import { IngestFileResult, IngestStatus } from './types/ingest-report.type.js';
import { Layer } from './types/layer.type.js';
import type { EvaluationRun } from '../query/compare-detectors.js';
import { rowProtocol } from '../analytics/comparison/leaderboard.js';
import { EvaluationRun as EvaluationRunType } from './types/evaluation-run.type.js';
import type { EvaluationProtocol } from './types/evaluation-run.type.js';
import type { SedEvalReport } from './types/sed-eval-report.type.js';
import { PairedDifference as PairedDifferenceType } from './types/paired-difference.type.js';
import type { RowDifference } from '../query/row-difference.js';
import type { LayerScope } from './types/layer.type.js';

/** Storage row → GraphQL Corpus. */
export function toCorpus(row: CorpusRow): Corpus {
  return Object.assign(new Corpus(), {
    id: String(row.id),
    name: row.name,
    description: row.description,
    createdAt: row.createdAt,
    attached: row.attached !== undefined,
    dataset: row.attached?.dataset ?? null,
    datasetPath: row.attached?.path ?? null,
  });
}

/** Storage row → GraphQL Audio. */
export function toAudio(row: AudioRow): Audio {
  return Object.assign(new Audio(), {
    id: String(row.id),
    corpusId: row.corpusId,
    model: row.model,
    contentSha256: row.contentSha256,
    modelSha256: row.modelSha256,
    source: {
      path: row.sourcePath,
      line: row.sourceLine,
      kind: row.sourceKind === 'audio' ? 'AUDIO' : 'CODES',
      format: row.audioSource?.format ?? null,
      sampleRate: row.audioSource?.sampleRate ?? null,
      channels: row.audioSource?.channels ?? null,
      durationSeconds: row.audioSource ? row.audioSource.samples24k / SAMPLE_RATE : null,
    },
    name: audioName(row),
    text: row.text,
    metadata: row.metadata,
    frameCount: row.frameCount,
    durationSeconds: row.frameCount * FRAME_SECONDS,
    ingestedAt: row.ingestedAt,
  });
}

/** A stored label → GraphQL AudioLabel, with the frames it marks (labelFrameSpan's rule). */
export function toAudioLabel(l: LabelSpan): AudioLabel {
  const span = labelFrameSpan(l.start, l.end);
  return { startSeconds: l.start, endSeconds: l.end, label: l.label, startFrame: span?.startFrame ?? 0, endFrame: span?.endFrame ?? 0 };
}

/** Layer statistics → GraphQL Layer, remembering the scope its histogram comes from. */
export function toLayer(values: LayerValues, scope: LayerScope): Layer {
  return Object.assign(new Layer(), values, { scope });
}

/** A detector run → GraphQL DetectionResult. */
export function toDetectionResult(audioId: number, run: DetectorRun): DetectionResult {
  // Copied with plain loops: Array.from on a 45,000-frame typed array goes through the iterator protocol.
  const scores = new Array<number>(run.scores.length);
  for (let i = 0; i < scores.length; i++) scores[i] = run.scores[i]!;
  return Object.assign(new DetectionResult(), {
    audioId: String(audioId),
    detector: run.detector,
    parameters: { ...run.params },
    thresholdRule: { ...run.thresholdRule },
    segmenter: { ...run.segmenter },
    frameCount: scores.length,
    frameScores: scores,
    threshold: run.threshold,
    lowThreshold: run.lowThreshold ?? null,
    comparison: run.comparison === 'AT_LEAST' ? ThresholdComparison.AT_LEAST : ThresholdComparison.GREATER_THAN,
    flaggedFrames: flaggedFrames(run.flagged),
    anomalies: run.anomalies.map((a) => ({ ...a, peakSeconds: frameToSeconds(a.peakFrame) })),
  });
}

/** A registered detector → GraphQL DetectorInfo. */
export function toDetectorInfo(d: Detector): DetectorInfo {
  return {
    name: d.name,
    description: d.description,
    parameters: d.parameters.map((p) => ({
      name: p.name,
      type: p.type,
      description: p.description,
      required: p.default === undefined,
      defaultValue: p.default ?? null,
      min: p.min ?? null,
      max: p.max ?? null,
      odd: p.odd ?? false,
      oneOf: p.oneOf ? [...p.oneOf] : null,
    })),
  };
}

const statusOf: Record<IngestFileOutcome['status'], IngestStatus> = {
  ingested: IngestStatus.INGESTED,
  'already-present': IngestStatus.ALREADY_PRESENT,
  partial: IngestStatus.PARTIAL,
  failed: IngestStatus.FAILED,
};

/** One file's ingest outcome → GraphQL IngestFileResult. */
export function toIngestFileResult(r: IngestFileOutcome): IngestFileResult {
  return {
    path: r.path,
    status: statusOf[r.status],
    ingested: r.ingested,
    alreadyPresent: r.alreadyPresent,
    audioIds: r.audioIds,
    labels: r.labels ?? 0,
    errorCount: r.errorCount ?? r.errors.length,
    errors: r.errors.map((e) => ({
      code: e.code,
      message: e.message,
      line: (e.details['line'] as number | undefined) ?? null,
      frame: (e.details['frame'] as number | undefined) ?? null,
      layer: (e.details['layer'] as number | undefined) ?? null,
      value: e.details['value'] === undefined ? null : typeof e.details['value'] === 'bigint' ? String(e.details['value']) : e.details['value'],
    })),
  };
}

/** A paired bootstrap between two rows → GraphQL PairedDifference. */
export function toPairedDifference(difference: RowDifference): PairedDifferenceType {
  return Object.assign(new PairedDifferenceType(), { ...difference, run: String(difference.run) });
}

/** A stored comparison → GraphQL EvaluationRun. */
export function toEvaluationRun(run: EvaluationRun): EvaluationRunType {
  const { report, spec } = run;
  return Object.assign(new EvaluationRunType(), {
    id: String(run.id),
    corpusId: run.corpusId,
    name: run.name,
    createdAt: run.createdAt,
    model: report.model,
    folds: report.folds,
    seed: report.seed,
    bootstrap: report.bootstrap,
    audioCount: report.audioCount,
    eventCount: report.eventCount,
    classes: [...report.classes],
    groupBy: report.groupBy ?? null,
    groupsFile: report.groupsFile ?? null,
    groupCount: report.groupCount ?? null,
    detectors: spec.detectors.map((d) => ({ ...d })),
    // perFile (counts for paired bootstraps) stays out of the API's rows.
    rows: report.rows.map(({ perFile: _perFile, ...row }) => ({
      ...row,
      protocol: rowProtocol(row).protocol as EvaluationProtocol,
      trainingCorpus: rowProtocol(row).trainingCorpus,
      parameters: { ...row.parameters },
      thresholdRule: { ...row.thresholdRule },
      segmenter: { ...row.segmenter },
      classes: [...row.classes],
      classAware: (row.classAware ?? null) as SedEvalReport | null,
    })),
  });
}
