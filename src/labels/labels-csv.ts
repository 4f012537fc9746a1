import { parseLabelTable } from './label-table.js';

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

/**
 * Parses a label table with a header naming its columns (parseLabelTable): tokenscope's
 * `file,start_s,end_s,label`, or DCASE/sed_eval's `filename,onset,offset,event_label`, comma- or
 * tab-separated. Rows naming only a file are left out. Problems → INVALID_LABELS naming the file and line.
 */
export function parseLabelsCsv(text: string, path: string): LabelRow[] {
  return parseLabelTable(text, path).rows.map(({ file, start, end, label }) => ({ file, start, end, label }));
}
