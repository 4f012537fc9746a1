import { ErrorCode, TokenscopeError } from '../errors.js';

/** One row of a label CSV: the audio file, the span in seconds and its label. */
export interface LabelRow {
  file: string;
  start: number;
  end: number;
  label: string;
}

const HEADER = 'file,start_s,end_s,label';

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** CSV text with the header `file,start_s,end_s,label` (RFC 4180 quoting, seconds with 6 decimals). */
export function formatLabelsCsv(rows: readonly LabelRow[]): string {
  return [HEADER, ...rows.map((r) => [quote(r.file), r.start.toFixed(6), r.end.toFixed(6), quote(r.label)].join(','))].join('\n') + '\n';
}

/** Splits one CSV record into fields (quoted fields may hold commas and doubled quotes). */
function fields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"' && line[i + 1] === '"') (value += '"'), (i += 2);
        else if (line[i] === '"') break;
        else value += line[i++];
      }
      out.push(value);
      i++;
    } else {
      const next = line.indexOf(',', i);
      out.push(line.slice(i, next < 0 ? undefined : next));
      i = next < 0 ? line.length : next;
    }
    if (i >= line.length) return out;
    if (line[i] !== ',') return null;
    i++;
  }
}

/**
 * Parses label CSV with the header `file,start_s,end_s,label` (columns in that order). A bad header,
 * a malformed record or a non-numeric time → INVALID_LABELS naming the file, line and text.
 */
export function parseLabelsCsv(text: string, path: string): LabelRow[] {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, problem: string) => {
    throw new TokenscopeError(ErrorCode.INVALID_LABELS, `${path} line ${line}: ${problem}`, { path, line });
  };
  if ((lines[0] ?? '').trim().toLowerCase() !== HEADER) fail(1, `expected the header "${HEADER}"; received "${(lines[0] ?? '').slice(0, 80)}"`);
  const rows: LabelRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const f = fields(line);
    if (!f || f.length !== 4) return fail(i + 2, `expected 4 fields file,start_s,end_s,label; received "${line.slice(0, 80)}"`);
    const [file, start, end, label] = f as [string, string, string, string];
    if (!file.trim() || !Number.isFinite(Number(start)) || !Number.isFinite(Number(end)) || start.trim() === '' || end.trim() === '') {
      return fail(i + 2, `expected a file name and start_s, end_s in seconds; received "${line.slice(0, 80)}"`);
    }
    rows.push({ file: file.trim(), start: Number(start), end: Number(end), label });
  });
  return rows;
}
