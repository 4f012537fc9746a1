import { isAbsolute, resolve } from 'node:path';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { LabelSpan } from '../../labels/audacity-labels.js';
import { supervisionLabel } from './manifest.js';
import type { LhotseRecording, LhotseSupervision } from './manifest.js';
import type { Located } from './read-manifest.js';

/** What an import does: the audio files to ingest, and the label spans of each. */
export interface LhotseImportPlan {
  /** Absolute paths of the recordings' files, in manifest order, each once. */
  files: string[];
  /** Label spans by file (absolute path), for the files that have supervisions. */
  labels: Map<string, LabelSpan[]>;
}

/**
 * Turns manifests into an import plan: each recording's file (a relative source is taken from
 * `cwd`, as Lhotse does), each supervision as a label span [start, start + duration) of its
 * recording's file, labelled by supervisionLabel. A repeated recording id, or a supervision of an
 * unknown recording → INVALID_MANIFEST naming the file and line.
 */
export function fromLhotse(recordings: readonly Located<LhotseRecording>[], supervisions: readonly Located<LhotseSupervision>[], cwd: string): LhotseImportPlan {
  const fileOf = new Map<string, string>();
  for (const { record, path, line } of recordings) {
    if (fileOf.has(record.id)) throw new TokenscopeError(ErrorCode.INVALID_MANIFEST, `${path} line ${line}: recording id ${JSON.stringify(record.id)} appears twice; ids must be unique`, { path, line });
    const source = record.sources[0]!.source;
    fileOf.set(record.id, isAbsolute(source) ? source : resolve(cwd, source));
  }
  const labels = new Map<string, LabelSpan[]>();
  for (const { record, path, line } of supervisions) {
    const file = fileOf.get(record.recording_id);
    if (file === undefined) throw new TokenscopeError(ErrorCode.INVALID_MANIFEST, `${path} line ${line}: supervision ${JSON.stringify(record.id)} names recording ${JSON.stringify(record.recording_id)}, which the recordings manifest does not hold`, { path, line });
    labels.set(file, [...(labels.get(file) ?? []), { start: record.start, end: record.start + record.duration, label: supervisionLabel(record) }]);
  }
  return { files: [...new Set(fileOf.values())], labels };
}
