import { ErrorCode, TokenscopeError } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import type { LabelRow } from './labels-csv.js';

/** Events of a DCASE event list, and every file it names (a file with no event counts too). */
export interface DcaseEvents {
  /** Events in file order: file name as written, onset and offset in seconds, label. */
  readonly rows: LabelRow[];
  /** Every file named, in order of first appearance, including files named on a line of their own. */
  readonly files: string[];
}

const HEADER = /^filename[\t ,]+(?:scene_label[\t ,]+)?onset[\t ,]+offset[\t ,]+event_label\s*$/i;

/** A number in seconds: plain decimal or exponent notation, nothing else (no '', no 'Infinity'). */
const SECONDS = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a DCASE event list (sed_eval's and dcase_util's format), one event per line:
 * `filename<TAB>onset<TAB>offset<TAB>event_label`, also `filename<TAB>scene_label<TAB>onset<TAB>offset<TAB>event_label`,
 * fields separated by spaces instead of tabs (a label may then hold spaces), comma-separated
 * after the header `filename,onset,offset,event_label`, or `filename` alone for a file without
 * events. A header line is skipped; times are seconds. A bad line → INVALID_LABELS naming the
 * file, line and value.
 */
export function parseDcaseEvents(text: string, path: string): DcaseEvents {
  const rows: LabelRow[] = [];
  const files = new Set<string>();
  let comma = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (HEADER.test(line)) {
      comma = line.includes(',');
      return;
    }
    const fail = (problem: string): never => {
      throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line ${i + 1}: ${problem}; received "${clip(raw, 80)}"`, { path, line: i + 1 });
    };
    const fields = splitFields(line, comma);
    const file = fields[0]!;
    if (fields.length === 1) {
      files.add(file);
      return;
    }
    // With a scene column the times are fields 2 and 3; without, 1 and 2.
    const at = fields.length >= 5 && !SECONDS.test(fields[1]!) ? 2 : 1;
    const [onset, offset] = [fields[at], fields[at + 1]];
    const label = fields.slice(at + 2).join(comma ? ',' : ' ').trim();
    if (onset === undefined || offset === undefined || !label) fail('expected filename, onset, offset and event_label');
    if (!SECONDS.test(onset!)) fail(`onset must be a number of seconds, got "${clip(onset!, 40)}"`);
    if (!SECONDS.test(offset!)) fail(`offset must be a number of seconds, got "${clip(offset!, 40)}"`);
    const start = Number(onset);
    const end = Number(offset);
    if (start < 0 || end < start) fail(`expected 0 ≤ onset ≤ offset, got onset ${start} and offset ${end}`);
    files.add(file);
    rows.push({ file, start, end, label });
  });
  return { rows, files: [...files] };
}

/** Tabs when the line has any, else commas after a comma header, else runs of spaces. */
function splitFields(line: string, comma: boolean): string[] {
  if (line.includes('\t')) return line.split('\t').map((f) => f.trim());
  if (comma) return line.split(',').map((f) => f.trim());
  return line.split(/ +/);
}
