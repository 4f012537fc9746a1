/** One labelled span in seconds. */
export interface LabelSpan {
  /** Start, seconds. */
  start: number;
  /** End, seconds (≥ start). */
  end: number;
  label: string;
}

/** Audacity label track text: `start<TAB>end<TAB>label` per line, seconds with 6 decimals. */
export function formatAudacityLabels(spans: readonly LabelSpan[]): string {
  return spans.map((s) => `${s.start.toFixed(6)}\t${s.end.toFixed(6)}\t${s.label.replace(/[\t\n\r]/g, ' ')}\n`).join('');
}
