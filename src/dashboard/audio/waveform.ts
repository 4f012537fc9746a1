import { FRAMES_PER_SECOND } from '../format';
import { fitCanvas } from './fit-canvas';
import type { SignalBlock } from './signal-cache';

/** What was drawn, for the page's data attributes. */
export interface WaveformDrawn {
  /** Columns drawn inside the window. */
  columns: number;
  /** Centre of the loudest drawn column (highest RMS), seconds; null when nothing was drawn. */
  loudestSeconds: number | null;
  /** Its x, CSS pixels from the canvas's left edge (the heatmap's coordinates); null when nothing was drawn. */
  loudestX: number | null;
}

/**
 * Draws the waveform of frames [start, start + frames) onto `canvas` between x = left and
 * x = right (CSS pixels), as the heatmap lays frames out: per column the span from the lowest to
 * the highest sample, and the ±RMS band darker inside it.
 */
export function drawWaveform(canvas: HTMLCanvasElement, blocks: readonly SignalBlock[], start: number, frames: number, left: number, right: number): WaveformDrawn {
  const { ctx, height } = fitCanvas(canvas);
  const cell = (right - left) / frames;
  const mid = height / 2;
  const y = (v: number) => mid - Math.max(-1, Math.min(1, v)) * (mid - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, right - left, height);
  ctx.clip();
  ctx.fillStyle = '#d9dde5';
  ctx.fillRect(left, Math.floor(mid), right - left, 1);
  let columns = 0;
  let loudest = -1;
  let loudestSeconds: number | null = null;
  let loudestX: number | null = null;
  // Two paths filled once each (the extremes, then the RMS band over them), not two fills per column.
  const extremes = new Path2D();
  const bands = new Path2D();
  for (const b of blocks) {
    const w = b.waveform;
    const x0 = left + (b.startFrame - start) * cell;
    const width = (b.frameCount * cell) / w.columns;
    for (let i = 0; i < w.columns; i++) {
      const x = x0 + i * width;
      if (x + width < left || x > right) continue;
      columns++;
      extremes.rect(x, y(w.max[i]!), Math.max(1, width), Math.max(1, y(w.min[i]!) - y(w.max[i]!)));
      bands.rect(x, y(w.rms[i]!), Math.max(1, width), Math.max(1, y(-w.rms[i]!) - y(w.rms[i]!)));
      const centre = x + width / 2;
      if (w.rms[i]! > loudest && centre >= left && centre <= right) {
        loudest = w.rms[i]!;
        loudestX = centre;
        loudestSeconds = (b.startFrame + ((i + 0.5) * b.frameCount) / w.columns) / FRAMES_PER_SECOND;
      }
    }
  }
  ctx.fillStyle = '#8a97b3';
  ctx.fill(extremes);
  ctx.fillStyle = '#2c3a5a';
  ctx.fill(bands);
  ctx.restore();
  return { columns, loudestSeconds, loudestX };
}
