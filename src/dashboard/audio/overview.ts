import { exportCanvas } from '../export/export-bar';
import { themeColour } from '../theme';
import { fitCanvas } from './fit-canvas';
import { OVERVIEW_COLOURS, overviewGeometry } from './overview-geometry';
import type { OverviewData } from './overview-geometry';
import { overviewSvg } from './overview-svg';

export type { OverviewData };

/** The window marker where the page placed it on the strip (the canvas's sibling .viewport), CSS pixels. */
function windowMarker(canvas: HTMLCanvasElement): { x: number; width: number } | null {
  const marker = canvas.parentElement?.querySelector<HTMLElement>('.viewport');
  return marker ? { x: marker.offsetLeft, width: marker.offsetWidth } : null;
}

/**
 * Draws the overview strip across the whole canvas width (overviewGeometry; overviewSvg draws the
 * same), and gives it PNG and SVG downloads below the strip.
 */
export function drawOverview(canvas: HTMLCanvasElement, data: OverviewData): void {
  const { ctx, width, height } = fitCanvas(canvas);
  const g = overviewGeometry(data, width, height);
  exportCanvas(canvas, { what: 'overview', label: 'Overview of the recording', group: canvas.parentElement, svg: () => overviewSvg(data, width, height, windowMarker(canvas)) });
  const fill = (c: { rgb: string; opacity: number }) => `rgba(${[1, 3, 5].map((i) => parseInt(c.rgb.slice(i, i + 2), 16)).join(', ')}, ${c.opacity})`;
  ctx.fillStyle = fill(OVERVIEW_COLOURS.label);
  for (const b of g.labels) ctx.fillRect(b.x, b.y, b.width, b.height);
  ctx.fillStyle = fill(OVERVIEW_COLOURS.anomaly);
  for (const b of g.anomalies) ctx.fillRect(b.x, b.y, b.width, b.height);
  if (g.thresholdY === null) return;
  ctx.strokeStyle = themeColour('--fg', '#1d2330');
  ctx.lineWidth = 1;
  ctx.beginPath();
  g.envelope.forEach((p, i) => {
    if (i === 0) ctx.moveTo(p.x, p.y);
    else ctx.lineTo(p.x, p.y);
  });
  ctx.stroke();
  ctx.strokeStyle = OVERVIEW_COLOURS.threshold;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(0, g.thresholdY);
  ctx.lineTo(width, g.thresholdY);
  ctx.stroke();
  ctx.setLineDash([]);
}
