import { el, n, svgDocument } from '../export/svg-text.js';
import { TIME_AXIS_HEIGHT, timeAxisSvg } from '../export/time-axis.js';
import { clock } from '../format.js';
import { OVERVIEW_COLOURS, overviewGeometry } from './overview-geometry.js';
import type { Box, OverviewData } from './overview-geometry.js';

/**
 * The overview strip as drawOverview draws it on a `width` × `height` canvas (CSS pixels), as
 * SVG: a rect per label and per anomaly, the score envelope as one polyline, the dashed threshold,
 * the window marker `window` (x and width, as the page placed it; none when null) and a time axis
 * under the strip.
 */
export function overviewSvg(data: OverviewData, width: number, height: number, window: Pick<Box, 'x' | 'width'> | null): string {
  const g = overviewGeometry(data, width, height);
  const boxes = (list: Box[], colour: { rgb: string; opacity: number }, series: string) =>
    el('g', { fill: colour.rgb, 'fill-opacity': colour.opacity, 'data-series': series }, list.map((b) => el('rect', { x: b.x, y: b.y, width: b.width, height: b.height })).join(''));
  const body = [boxes(g.labels, OVERVIEW_COLOURS.label, 'labels'), boxes(g.anomalies, OVERVIEW_COLOURS.anomaly, 'anomalies')];
  // As on the canvas, a bucket without a finite score is passed over and the line joins its neighbours.
  const points = g.envelope.filter((p) => Number.isFinite(p.y));
  if (points.length) body.push(el('polyline', { points: points.map((p) => `${n(p.x)},${n(p.y)}`).join(' '), fill: 'none', stroke: '#1d2330', 'stroke-width': 1, 'data-series': 'score envelope' }));
  if (g.thresholdY !== null) body.push(el('line', { x1: 0, y1: g.thresholdY, x2: width, y2: g.thresholdY, stroke: OVERVIEW_COLOURS.threshold, 'stroke-dasharray': '4 3', 'data-series': 'threshold' }));
  let shown = '';
  if (window) {
    body.push(el('rect', { x: window.x + 1, y: 1, width: Math.max(0, window.width - 2), height: height - 2, fill: '#2458c6', 'fill-opacity': 0.08, stroke: '#2458c6', 'stroke-width': 2, 'data-series': 'window' }));
    shown = `, window ${clock((window.x / width) * data.durationSeconds)}–${clock(((window.x + window.width) / width) * data.durationSeconds)}`;
  }
  body.push(...timeAxisSvg(0, data.durationSeconds, 0, width, height));
  const title = `Overview of the whole recording (${clock(data.durationSeconds)}): score envelope, threshold (dashed), anomalies (red), labels (blue)${shown}`;
  return svgDocument(width, height + TIME_AXIS_HEIGHT, title, body);
}
