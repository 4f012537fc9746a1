import { toCsv } from './csv';

/** A cell's text as exported: its data-csv when set, else its rendered text on one line, without sort arrows. */
function cellText(cell: HTMLTableCellElement): string {
  const given = cell.dataset['csv'];
  if (given !== undefined) return given;
  const text = cell.innerText || cell.textContent || '';
  return text.replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * A table as CSV: a header row from its thead (or its first row), then every body row, one field
 * per column (a cell spanning columns repeats as empty fields after it). Columns whose header
 * cell has data-no-export (buttons, links) are left out.
 */
export function tableCsv(table: HTMLTableElement): string {
  const rows = [...table.rows];
  const grid = rows.map((tr) => [...tr.cells].flatMap((c) => [c, ...Array.from({ length: Math.max(0, c.colSpan - 1) }, () => null)]));
  const header = grid[0] ?? [];
  const keep = header.map((c) => !(c && c.hasAttribute('data-no-export')));
  return toCsv(grid.map((cells) => cells.filter((_, i) => keep[i] ?? true).map((c) => (c ? cellText(c) : ''))));
}
