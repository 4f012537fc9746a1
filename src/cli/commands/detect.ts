import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AudioDocument, DetectDocument } from '../../client/generated/graphql.js';
import { formatLabelsCsv } from '../../labels/labels-csv.js';
import { formatAudacityLabels } from '../../labels/audacity-labels.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope detect`. */
export interface DetectCliOptions extends DbOptions {
  audio: string;
  detector: string;
  param: Record<string, unknown>;
  labels?: string;
  csv?: string;
}

/** Runs a detector on one audio, prints its anomalies, and optionally writes Audacity labels. */
export async function detectCommand(options: DetectCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const { data } = await execute(app, DetectDocument, { audioId: options.audio, detector: { name: options.detector, params: options.param } });
    const d = data.detect;
    console.log(`${d.detector} on audio ${d.audioId}: ${d.scores.length} frames, threshold ${d.threshold} (${d.comparison === 'AT_LEAST' ? 'score ≥ threshold' : 'score > threshold'}), ${d.flaggedFrames.length} frames flagged, ${d.anomalies.length} anomalies`);
    console.log(`parameters: ${JSON.stringify(d.parameters)}; threshold rule: ${JSON.stringify(d.thresholdRule)}${d.lowThreshold === null ? '' : ` (low ${d.lowThreshold})`}; segmenter: ${JSON.stringify(d.segmenter)}`);
    // Class-aware detectors (eventClassifier) give every anomaly a class and its mean probability.
    const classAware = d.anomalies.some((a) => a.label !== null && a.label !== undefined);
    const head = ['start s', 'end s', 'frames', 'peak s', 'peak score', ...(classAware ? ['class', 'probability'] : [])];
    console.log(
      formatTable(
        head,
        d.anomalies.map((a) => [a.startSeconds.toFixed(2), a.endSeconds.toFixed(2), `${a.startFrame}-${a.endFrame - 1}`, a.peakSeconds.toFixed(2), a.score, ...(classAware ? [a.label ?? '-', a.probability?.toFixed(3) ?? '-'] : [])]),
      ),
    );
    if (options.labels) {
      await writeFile(options.labels, formatAudacityLabels(d.anomalies.map((a) => ({ start: a.startSeconds, end: a.endSeconds, label: a.label ?? `${d.detector} ${Number(a.score.toPrecision(6))}` }))));
      console.log(`wrote ${d.anomalies.length} labels to ${options.labels}`);
    }
    if (options.csv) {
      const audio = (await execute(app, AudioDocument, { id: d.audioId })).data.audio;
      const file = basename(audio.source.path);
      await writeFile(options.csv, formatLabelsCsv(d.anomalies.map((a) => ({ file, start: a.startSeconds, end: a.endSeconds, label: a.label ?? d.detector }))));
      console.log(`wrote ${d.anomalies.length} rows to ${options.csv}`);
    }
    return 0;
  });
}
