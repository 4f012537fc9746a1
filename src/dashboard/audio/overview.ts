import { themeColour } from '../theme';
import { fitCanvas } from './fit-canvas';

/** What the overview strip shows: the whole audio's score envelope, threshold, anomalies and labels. */
export interface OverviewData {
  durationSeconds: number;
  max: number[];
  threshold: number;
  anomalies: { startSeconds: number; endSeconds: number }[];
  labels: { startSeconds: number; endSeconds: number }[];
}

/** Draws the overview strip across the whole canvas width. */
export function drawOverview(canvas: HTMLCanvasElement, data: OverviewData): void {
  const { ctx, width, height } = fitCanvas(canvas);
  const x = (s: number) => (s / data.durationSeconds) * width;
  ctx.fillStyle = 'rgba(36, 88, 198, 0.35)';
  for (const l of data.labels) ctx.fillRect(x(l.startSeconds), height - 8, Math.max(2, x(l.endSeconds) - x(l.startSeconds)), 8);
  ctx.fillStyle = 'rgba(214, 69, 65, 0.55)';
  for (const a of data.anomalies) ctx.fillRect(x(a.startSeconds), 0, Math.max(2, x(a.endSeconds) - x(a.startSeconds)), height - 10);
  const finite = data.max.filter(Number.isFinite);
  if (finite.length === 0) return;
  const lo = Math.min(...finite, data.threshold);
  let hi = Math.max(...finite, data.threshold);
  if (hi === lo) hi = lo + 1;
  const y = (v: number) => height - 10 - ((v - lo) / (hi - lo)) * (height - 14);
  ctx.strokeStyle = themeColour('--fg', '#1d2330');
  ctx.lineWidth = 1;
  ctx.beginPath();
  data.max.forEach((v, i) => {
    const px = ((i + 0.5) / data.max.length) * width;
    if (i === 0) ctx.moveTo(px, y(v));
    else ctx.lineTo(px, y(v));
  });
  ctx.stroke();
  ctx.strokeStyle = '#d64541';
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(0, y(data.threshold));
  ctx.lineTo(width, y(data.threshold));
  ctx.stroke();
  ctx.setLineDash([]);
}
