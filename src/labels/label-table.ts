import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import type { LabelRow } from './labels-csv.js';

/** A row of a label table, with the line it ends on (1-based, the header is line 1). */
export interface LabelTableRow extends LabelRow {
  line: number;
}

/** What a label table holds: events, and every file named (a row naming only a file counts too). */
export interface LabelTable {
  readonly rows: LabelTableRow[];
  /** Every file named, in order of first appearance. */
  readonly files: string[];
}

/** Header names accepted for each field, lower case, preferred first: tokenscope's own, then DCASE/sed_eval's. */
const COLUMNS = {
  file: ['file', 'filename'],
  start: ['start_s', 'onset'],
  end: ['end_s', 'offset'],
  label: ['label', 'event_label'],
} as const;

type Field = keyof typeof COLUMNS;

const KNOWN = new Set<string>(Object.values(COLUMNS).flat());

/** A number in seconds: plain decimal or exponent notation, nothing else (no '', no 'Infinity'). */
const SECONDS = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The field separator of a label table header line: a tab when it has one, else a comma; null when the line is no such header. */
export function labelTableDelimiter(firstLine: string): '\t' | ',' | null {
  const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes(',') ? ',' : null;
  if (delimiter === null) return null;
  const names = firstLine.replace(/^\uFEFF/, '').split(delimiter).map((n) => n.trim().replace(/^"|"$/g, '').toLowerCase());
  return names.some((n) => KNOWN.has(n)) ? delimiter : null;
}

const expected = (): string => Object.values(COLUMNS).map(([own, dcase]) => `${own} (or ${dcase})`).join(', ');

/**
 * Parses a label table with a header, by column NAME through csv-parse: tokenscope's
 * `file,start_s,end_s,label` and DCASE/sed_eval's `filename,onset,offset,event_label` (comma- or
 * tab-separated; other columns such as `scene_label` are ignored; any order). Times are seconds; a
 * label may be empty (Audacity's may). A row naming only a file is a file without events. A missing column → INVALID_LABELS naming the
 * columns found and those expected; a bad row → INVALID_LABELS naming the file, line and text.
 */
export function parseLabelTable(text: string, path: string): LabelTable {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = labelTableDelimiter(firstLine) ?? (firstLine.includes('\t') ? '\t' : ',');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, quote: delimiter === '\t' ? false : '"' }) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines ?? 0;
    throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line ${line}: not a readable ${delimiter === '\t' ? 'tab-separated' : 'CSV'} table (${clip(err.message, 160)})`, { path, line });
  }
  const [header, ...body] = records;
  const names = (header?.record ?? []).map((n) => n.toLowerCase());
  const at = {} as Record<Field, number>;
  const missing: string[] = [];
  for (const [field, accepted] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
    at[field] = names.findIndex((n) => accepted.includes(n));
    if (at[field] < 0) missing.push(`${accepted[0]} (or ${accepted[1]})`);
  }
  if (missing.length) {
    const found = names.length ? names.map((n) => clip(n, 40)).join(', ') : 'none';
    throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line 1: the header must name the columns ${expected()}; found ${found}; missing ${missing.join(', ')}`, { path, line: 1 });
  }
  const rows: LabelTableRow[] = [];
  const files = new Set<string>();
  for (const { record, info } of body) {
    const line = info.lines;
    const fail = (problem: string): never => {
      throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line ${line}: ${problem}; received "${clip(record.join(delimiter), 80)}"`, { path, line });
    };
    // A row of one field names a file without events, whichever column the file is in.
    const [file, start, end, label] = record.length === 1 ? [record[0]!, '', '', ''] : ((['file', 'start', 'end', 'label'] as const).map((f) => record[at[f]] ?? '') as [string, string, string, string]);
    if (record.length > 1 && record.length < names.length) fail(`expected ${names.length} fields (${names.join(delimiter === '\t' ? ' tab ' : ',')}) or the ${names[at.file]} alone, got ${record.length}`);
    if (!file) fail(`expected a ${names[at.file]}`);
    files.add(file);
    if (!start && !end && !label) continue; // a file without events
    if (!SECONDS.test(start)) fail(`${names[at.start]} must be a number of seconds, got "${clip(start, 40)}"`);
    if (!SECONDS.test(end)) fail(`${names[at.end]} must be a number of seconds, got "${clip(end, 40)}"`);
    rows.push({ file, start: Number(start), end: Number(end), label, line });
  }
  return { rows, files: [...files] };
}
