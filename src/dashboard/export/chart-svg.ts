import type { Chart, Scale } from 'chart.js';
import { el, n, svgDocument, xml } from './svg-text.js';

type Props = { x: number; y: number; base: number; width: number; height: number; horizontal: boolean; skip?: boolean };
interface Drawable {
  getProps(names: string[], final?: boolean): Partial<Props>;
  options?: { backgroundColor?: unknown; borderColor?: unknown; borderWidth?: unknown; borderDash?: unknown };
  skip?: boolean;
}

/** A colour option as an SVG paint: CSS colour strings pass, anything else (gradients, arrays) becomes a neutral grey. */
function paint(value: unknown, fallback = '#6b6f7a'): string {
  return typeof value === 'string' ? value : fallback;
}

function tickLabel(label: unknown): string {
  return Array.isArray(label) ? label.join(' ') : label === undefined || label === null ? '' : String(label);
}

/** An axis: its line, tick marks and labels, grid lines across the plot, and its title. */
function axis(scale: Scale, area: { left: number; top: number; right: number; bottom: number }): string[] {
  const out: string[] = [];
  const options = scale.options as unknown as { display?: unknown; title?: { display?: boolean; text?: string | string[] }; grid?: { display?: boolean } };
  if (options.display === false) return out;
  const grid = options.grid?.display !== false;
  const horizontal = scale.isHorizontal();
  const atBottom = scale.position !== 'top';
  const atLeft = scale.position !== 'right';
  if (horizontal) {
    const y = atBottom ? area.bottom : area.top;
    out.push(el('line', { x1: area.left, y1: y, x2: area.right, y2: y, stroke: '#1d2330', 'stroke-width': 1 }));
  } else {
    const x = atLeft ? area.left : area.right;
    out.push(el('line', { x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: '#1d2330', 'stroke-width': 1 }));
  }
  scale.ticks.forEach((tick, i) => {
    const p = scale.getPixelForTick(i);
    if (!Number.isFinite(p)) return;
    const text = tickLabel(tick.label);
    if (horizontal) {
      const y = atBottom ? area.bottom : area.top;
      if (grid) out.push(el('line', { x1: p, y1: area.top, x2: p, y2: area.bottom, stroke: '#e3e6ec', 'stroke-width': 1 }));
      out.push(el('line', { x1: p, y1: y, x2: p, y2: y + (atBottom ? 4 : -4), stroke: '#1d2330' }));
      if (text) out.push(el('text', { x: p, y: atBottom ? y + 15 : y - 6, 'text-anchor': 'middle', fill: '#5b6475' }, xml(text)));
    } else {
      const x = atLeft ? area.left : area.right;
      if (grid) out.push(el('line', { x1: area.left, y1: p, x2: area.right, y2: p, stroke: '#e3e6ec', 'stroke-width': 1 }));
      out.push(el('line', { x1: x, y1: p, x2: x + (atLeft ? -4 : 4), y2: p, stroke: '#1d2330' }));
      if (text) out.push(el('text', { x: atLeft ? x - 6 : x + 6, y: p + 3.5, 'text-anchor': atLeft ? 'end' : 'start', fill: '#5b6475' }, xml(text)));
    }
  });
  const title = options.title?.display ? tickLabel(options.title.text) : '';
  if (title) {
    if (horizontal) out.push(el('text', { x: (area.left + area.right) / 2, y: atBottom ? scale.bottom - 3 : scale.top + 11, 'text-anchor': 'middle', fill: '#1d2330' }, xml(title)));
    else {
      const x = atLeft ? scale.left + 11 : scale.right - 4;
      const y = (area.top + area.bottom) / 2;
      out.push(el('text', { x, y, 'text-anchor': 'middle', fill: '#1d2330', transform: `rotate(-90 ${n(x)} ${n(y)})` }, xml(title)));
    }
  }
  return out;
}

/** One bar dataset: a rect per bar, from its drawn geometry (either orientation). */
function bars(elements: Drawable[]): string[] {
  return elements.map((element) => {
    const { x = 0, y = 0, base = 0, width = 0, height = 0, horizontal = false } = element.getProps(['x', 'y', 'base', 'width', 'height', 'horizontal'], true);
    const fill = paint(element.options?.backgroundColor);
    return horizontal
      ? el('rect', { x: Math.min(base, x), y: y - height / 2, width: Math.abs(x - base), height, fill })
      : el('rect', { x: x - width / 2, y: Math.min(y, base), width, height: Math.abs(base - y), fill });
  });
}

/** One line dataset: a path through its drawn points (gaps where a point is skipped). */
function line(points: Drawable[], lineOptions: Drawable['options']): string {
  let d = '';
  let pen = false;
  for (const point of points) {
    const { x, y, skip } = point.getProps(['x', 'y', 'skip'], true);
    if (skip || x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n(x)} ${n(y)}`;
    pen = true;
  }
  const dash = Array.isArray(lineOptions?.borderDash) && lineOptions.borderDash.length ? lineOptions.borderDash.join(' ') : null;
  return el('path', { d: d || 'M0 0', fill: 'none', stroke: paint(lineOptions?.borderColor, '#1d2330'), 'stroke-width': typeof lineOptions?.borderWidth === 'number' ? lineOptions.borderWidth : 1.5, 'stroke-dasharray': dash });
}

/** The legend where Chart.js drew it: a swatch and the text of each item. */
function legend(chart: Chart): string[] {
  const box = chart.legend as unknown as { options?: { display?: boolean }; legendItems?: { text: string; fillStyle?: unknown; strokeStyle?: unknown; lineWidth?: unknown; lineDash?: unknown; hidden?: boolean }[]; legendHitBoxes?: { left: number; top: number; width: number; height: number }[] } | undefined;
  if (!box || box.options?.display === false || !box.legendItems || !box.legendHitBoxes) return [];
  return box.legendItems.flatMap((item, i) => {
    const hit = box.legendHitBoxes![i];
    if (!hit) return [];
    const swatch = Math.min(12, hit.height);
    return [
      // As Chart.js draws the box: filled with the dataset's background and outlined in its line colour
      // (for a line dataset the fill is a faint default and the outline carries the colour).
      el('rect', {
        x: hit.left, y: hit.top + (hit.height - swatch) / 2, width: swatch * 3, height: swatch,
        fill: paint(item.fillStyle, 'none'),
        stroke: typeof item.strokeStyle === 'string' ? item.strokeStyle : null,
        'stroke-width': typeof item.strokeStyle === 'string' ? (typeof item.lineWidth === 'number' ? item.lineWidth : 1) : null,
        'stroke-dasharray': Array.isArray(item.lineDash) && item.lineDash.length ? item.lineDash.join(' ') : null,
        opacity: item.hidden ? 0.3 : null,
      }),
      el('text', { x: hit.left + swatch * 3 + 6, y: hit.top + hit.height / 2 + 4, fill: '#1d2330', 'text-decoration': item.hidden ? 'line-through' : null }, xml(item.text)),
    ];
  });
}

/**
 * A Chart.js chart as a vector SVG drawing of its data, laid out as on screen: axes with their
 * ticks, labels and titles, a rect per bar, a path per line, the legend. Not a picture of the canvas.
 */
export function chartSvg(chart: Chart, title: string): string {
  const area = chart.chartArea;
  const body: string[] = [el('defs', {}, el('clipPath', { id: 'plot' }, el('rect', { x: area.left, y: area.top, width: area.right - area.left, height: area.bottom - area.top })))];
  for (const scale of Object.values(chart.scales)) body.push(...axis(scale, area));
  const data: string[] = [];
  // Chart.js draws datasets with a higher `order` first.
  const metas = chart.getSortedVisibleDatasetMetas().slice().reverse();
  for (const meta of metas) {
    const label = xml(String(chart.data.datasets[meta.index]?.label ?? `series ${meta.index + 1}`));
    if (meta.type === 'bar') data.push(el('g', { 'data-series': label }, bars(meta.data as unknown as Drawable[]).join('')));
    else if (meta.type === 'line') data.push(el('g', { 'data-series': label }, line(meta.data as unknown as Drawable[], (meta.dataset as unknown as Drawable | undefined)?.options)));
  }
  body.push(el('g', { 'clip-path': 'url(#plot)' }, data.join('')), ...legend(chart));
  return svgDocument(chart.width, chart.height, title, body);
}
