/** Renders rows as an aligned text table with a header; numbers (or the columns `rightAligned` marks) are right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[], rightAligned?: readonly boolean[]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const numeric = rightAligned ?? headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: readonly string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Integers as is, other numbers with 4 significant decimals. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 1000 ? n.toFixed(1) : n.toPrecision(5);
}

/** `text` as a table cell of at most `max` characters: cut with a final "…" when longer. */
export function fitCell(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
