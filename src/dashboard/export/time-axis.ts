import { clock } from '../format.js';
import { el, xml } from './svg-text.js';

/** Tick spacings a time axis may use, seconds. */
const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/** Height of a time axis drawn under a plot, CSS pixels: its tick marks and labels. */
export const TIME_AXIS_HEIGHT = 18;

/** Tick times (seconds) over [t0, t1]: multiples of the smallest step that gives at most `maxTicks` of them. */
export function timeTicks(t0: number, t1: number, maxTicks = 8): { step: number; ticks: number[] } {
  const span = Math.max(0, t1 - t0);
  const step = STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 3600) * 3600;
  const ticks: number[] = [];
  // Rounded to the millisecond: 0.30000000000000004 and -0 are 0.3 and 0.
  for (let k = Math.ceil(t0 / step - 1e-9); k * step <= t1 + 1e-9; k++) ticks.push(Number((k * step).toFixed(3)));
  return { step, ticks };
}

/**
 * A time axis as SVG elements, for times [t0, t1] seconds laid out from x = left to x = right:
 * its line at y, a tick mark and an m:ss label per tick below it (tenths where the ticks are
 * under a second apart), those at the ends anchored inwards. CSS pixels.
 */
export function timeAxisSvg(t0: number, t1: number, left: number, right: number, y: number, maxTicks = 8): string[] {
  const { step, ticks } = timeTicks(t0, t1, maxTicks);
  const x = (t: number) => left + ((t - t0) / (t1 - t0 || 1)) * (right - left);
  const out = [el('line', { x1: left, y1: y, x2: right, y2: y, stroke: '#1d2330', 'stroke-width': 1 })];
  for (const t of ticks) {
    const at = x(t);
    // A label at either end stays inside the drawing.
    const anchor = at - left < 12 ? 'start' : right - at < 12 ? 'end' : 'middle';
    out.push(el('line', { x1: at, y1: y, x2: at, y2: y + 4, stroke: '#1d2330' }));
    out.push(el('text', { x: at, y: y + 14, 'text-anchor': anchor, fill: '#5b6475', 'font-size': 10 }, xml(clock(t, step < 1 ? 1 : 0))));
  }
  return out;
}
