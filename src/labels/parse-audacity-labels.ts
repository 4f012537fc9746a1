import { ErrorCode, TokenscopeError } from '../errors.js';
import type { LabelSpan } from './audacity-labels.js';
import { clip } from '../jsutils/excerpt.js';

/**
 * Parses an Audacity label track: `start<TAB>end<TAB>label` per line, seconds. Point labels
 * (start = end) are kept; Audacity's spectral-selection lines (starting with `\`) and blank lines
 * are skipped. A malformed line → INVALID_LABELS naming the file, line and text.
 */
export function parseAudacityLabels(text: string, path: string): LabelSpan[] {
  const spans: LabelSpan[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('\\')) return;
    const parts = raw.split('\t');
    const start = Number(parts[0]);
    const end = Number(parts[1]);
    if (parts.length < 2 || !Number.isFinite(start) || !Number.isFinite(end) || parts[0]!.trim() === '' || parts[1]!.trim() === '') {
      throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line ${i + 1}: expected start<TAB>end<TAB>label in seconds; received "${raw.slice(0, 80)}"`, { path, line: i + 1 });
    }
    spans.push({ start, end, label: parts.slice(2).join('\t').trim() });
  });
  return spans;
}

/**
 * Checks label spans against an audio of `durationSeconds`: no negative or reversed span, none
 * ending past the audio (by more than `toleranceSeconds`), no two overlapping spans of one label.
 */
export function checkLabelSpans(spans: readonly LabelSpan[], durationSeconds: number, path: string, toleranceSeconds = 0.08): void {
  const fail = (message: string, index: number) => {
    throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path}: label ${index + 1} (${spans[index]!.label ? clip(spans[index]!.label) : 'unnamed'} ${spans[index]!.start}–${spans[index]!.end} s) ${message}`, { path, label: index + 1 });
  };
  spans.forEach((s, i) => {
    if (s.start < 0) fail('starts before 0 s', i);
    if (s.end < s.start) fail('ends before it starts', i);
    if (s.end > durationSeconds + toleranceSeconds) fail(`ends after the audio (${durationSeconds.toFixed(3)} s)`, i);
  });
  const order = spans.map((s, i) => ({ s, i })).sort((a, b) => a.s.label.localeCompare(b.s.label) || a.s.start - b.s.start);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (prev.s.label === cur.s.label && cur.s.start < prev.s.end) fail(`overlaps label ${prev.i + 1} of the same class`, cur.i);
  }
}
