import { canvasPng, download } from './download';
import { exportFileName, routeSubject, slug } from './file-name';
import { tableCsv } from './table-csv';

/** One file a bar offers: its extension and how to make it (at click time, from what is shown then). */
interface Format {
  ext: 'png' | 'svg' | 'csv';
  make: () => Blob | Promise<Blob>;
}

/** Which data the page shows now: the view's data-export-subject when it set one, else its route. */
function subject(): string {
  return document.getElementById('view')?.dataset['exportSubject'] ?? routeSubject(location.hash);
}

/**
 * A small labelled group of buttons, one per format, each downloading
 * `tokenscope-<what>-<which>.<ext>`; a failure is shown beside them (role=alert). `relabel` names
 * the group and its buttons after `label()` again.
 */
function exportBar(what: () => string, label: () => string, formats: Format[]): { bar: HTMLElement; relabel: () => void } {
  const bar = document.createElement('div');
  bar.className = 'export-bar';
  bar.setAttribute('role', 'group');
  const problem = document.createElement('span');
  problem.className = 'export-error';
  const buttons = formats.map((format) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = format.ext.toUpperCase();
    button.dataset['export'] = format.ext;
    button.addEventListener('click', () => {
      problem.textContent = '';
      problem.removeAttribute('role');
      void Promise.resolve()
        .then(format.make)
        .then((blob) => download(blob, exportFileName(what(), subject(), format.ext)))
        .catch((err: unknown) => {
          problem.setAttribute('role', 'alert');
          problem.textContent = `Could not export ${label()}: ${err instanceof Error ? err.message : String(err)}`;
        });
    });
    return button;
  });
  bar.append(...buttons, problem);
  const relabel = () => {
    bar.setAttribute('aria-label', `Export ${label()}`);
    buttons.forEach((b, i) => b.setAttribute('aria-label', `Download ${label()} as ${formats[i]!.ext.toUpperCase()}`));
  };
  relabel();
  return { bar, relabel };
}

/** What a canvas's export offers: a name, a label, and its SVG drawing. */
export interface CanvasExport {
  /** What the canvas shows, for the file name (e.g. `heatmap`). */
  what: string;
  /** For people: e.g. "Code matrix heatmap". */
  label: string;
  /** The drawing as an SVG document (vector: the data's shapes, not the pixels). */
  svg: () => string;
  /** The element whose export row the buttons join; by default the canvas's nearest [data-export-group], .chart or .stage. */
  group?: HTMLElement | null;
}

const canvases = new WeakMap<HTMLCanvasElement, { options: CanvasExport; relabel: () => void }>();

/**
 * Gives a canvas PNG and SVG downloads (once; later calls update what they export). The buttons
 * go below the canvas's group (`group`, else the nearest [data-export-group], .chart or .stage
 * around it), so they never change the chart's own box.
 */
export function exportCanvas(canvas: HTMLCanvasElement, options: CanvasExport): void {
  if (!canvas.parentElement) return; // not placed yet: a later call, once it is, adds the buttons
  const known = canvases.get(canvas);
  if (known) {
    known.options = options;
    known.relabel();
    return;
  }
  const entry = { options, relabel: () => undefined as void };
  canvases.set(canvas, entry);
  const { bar, relabel } = exportBar(() => entry.options.what, () => entry.options.label, [
    { ext: 'png', make: () => canvasPng(canvas) },
    { ext: 'svg', make: () => new Blob([entry.options.svg()], { type: 'image/svg+xml' }) },
  ]);
  entry.relabel = relabel;
  bar.dataset['exportFor'] = 'canvas';
  const anchor = options.group ?? canvas.closest<HTMLElement>('[data-export-group], .chart, .stage') ?? canvas;
  let slot = anchor.nextElementSibling;
  if (!(slot instanceof HTMLElement && slot.classList.contains('exports'))) {
    slot = document.createElement('div');
    slot.className = 'exports';
    anchor.after(slot);
  }
  slot.append(bar);
}

const tableBars = new Map<HTMLTableElement, HTMLElement>();

/** What a table is called: its aria-label, caption or data-export-name. */
function tableLabel(table: HTMLTableElement): string {
  return table.getAttribute('aria-label') ?? table.caption?.textContent ?? table.dataset['exportName'] ?? 'table';
}

function addTableBar(table: HTMLTableElement): void {
  if (tableBars.has(table) || table.hasAttribute('data-no-export')) return;
  const { bar } = exportBar(() => table.dataset['exportName'] ?? slug(tableLabel(table)), () => tableLabel(table), [{ ext: 'csv', make: () => new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }) }]);
  bar.dataset['exportFor'] = 'table';
  table.before(bar);
  tableBars.set(table, bar);
}

/**
 * Gives every table under `root` a CSV download, now and whenever one is added (through h(),
 * fill() or anything else): a bar just before the table, removed with it.
 */
export function exportTables(root: HTMLElement): void {
  const scan = () => {
    for (const [table, bar] of tableBars) {
      if (!table.isConnected) {
        bar.remove();
        tableBars.delete(table);
      }
    }
    for (const table of root.querySelectorAll('table')) addTableBar(table);
  };
  new MutationObserver(scan).observe(root, { childList: true, subtree: true });
  scan();
}
