import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { parseAudacityLabels } from './parse-audacity-labels.js';
import { parseDcaseEvents } from './parse-dcase-events.js';
import { labelTableDelimiter, parseLabelTable } from './label-table.js';
import type { LabelRow } from './labels-csv.js';

/** Events read from label files, each file named by its stem, and every file named (with or without events). */
export interface EventLabels {
  /** Events; `file` is the stem of the audio (or track) name: `audio/street/b099.wav` → `b099`. */
  readonly rows: LabelRow[];
  /** Every file named, as stems, in order of first appearance. */
  readonly files: string[];
}

/** `dir/a.wav` → `a`: how files of different formats are matched. */
export function fileStem(name: string): string {
  const base = basename(name.replaceAll('\\', '/'));
  return base.slice(0, base.length - extname(base).length) || base;
}

/** True for an Audacity track line (`start<TAB>end[<TAB>label]`, a number first), false for a DCASE line. */
function looksLikeAudacity(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() && !line.startsWith('\\'));
  if (first === undefined) return true; // an empty track: a file without events
  const fields = first.split('\t');
  return fields.length <= 3 && fields[0]!.trim() !== '' && Number.isFinite(Number(fields[0]));
}

/** Parses one label file of any supported format; an Audacity track's events belong to its stem. */
function parseLabelFile(text: string, path: string): EventLabels {
  if (labelTableDelimiter(text.split(/\r?\n/, 1)[0]!)) {
    const table = parseLabelTable(text, path);
    for (const r of table.rows) {
      if (r.start < 0 || r.end < r.start) throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line ${r.line}: expected 0 ≤ onset ≤ offset, got onset ${r.start} and offset ${r.end}`, { path, line: r.line });
    }
    return { rows: table.rows.map(({ file, start, end, label }) => ({ file, start, end, label })), files: table.files };
  }
  if (looksLikeAudacity(text)) {
    const file = fileStem(path);
    return { rows: parseAudacityLabels(text, path).map((s) => ({ file, ...s })), files: [file] };
  }
  return parseDcaseEvents(text, path);
}

/**
 * Reads labels from a file (a label table with a header, by column name: `file,start_s,end_s,label`
 * or DCASE's `filename,onset,offset,event_label`, comma- or tab-separated; a headerless DCASE event list; or one Audacity
 * track named after its audio) or a folder of such files (.txt, .tsv, .csv; e.g. one Audacity track
 * per audio). File names are reduced to stems; two names with one stem → INVALID_LABELS.
 */
export async function readEventLabels(path: string): Promise<EventLabels> {
  const info = await stat(path).catch(() => {
    throw new TokenscopeError(ErrorCode.NOT_FOUND, `${path}: no such label file or folder`, { path });
  });
  const paths = info.isDirectory()
    ? (await readdir(path)).filter((name) => /\.(txt|tsv|csv)$/i.test(name)).sort().map((name) => join(path, name))
    : [path];
  const rows: LabelRow[] = [];
  const names = new Map<string, string>();
  for (const file of paths) {
    const parsed = parseLabelFile(await readFile(file, 'utf8'), file);
    const byStem = (name: string): string => {
      const stem = fileStem(name);
      const seen = names.get(stem);
      if (seen !== undefined && seen !== name) {
        throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${file}: "${name}" and "${seen}" have one stem "${stem}"; files are matched by stem, so stems must differ`, { path: file });
      }
      names.set(stem, name);
      return stem;
    };
    parsed.files.forEach(byStem);
    for (const row of parsed.rows) rows.push({ ...row, file: byStem(row.file) });
  }
  return { rows, files: [...names.keys()] };
}
