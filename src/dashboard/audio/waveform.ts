import { fitCanvas } from './fit-canvas';
import type { CanvasSize } from './fit-canvas';
import type { SignalBlock } from './signal-block';
import { WAVEFORM_COLOURS, waveformGeometry } from './waveform-geometry';

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
 * the highest sample, and the ±RMS band darker inside it (waveformGeometry; waveformSvg draws the same).
 */
export function drawWaveform(canvas: HTMLCanvasElement, blocks: readonly SignalBlock[], start: number, frames: number, left: number, right: number, size?: CanvasSize): WaveformDrawn {
  const { ctx, height } = fitCanvas(canvas, size);
  const g = waveformGeometry(blocks, start, frames, left, right, height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, right - left, height);
  ctx.clip();
  ctx.fillStyle = WAVEFORM_COLOURS.zero;
  ctx.fillRect(left, g.zeroY, right - left, 1);
  // Two paths filled once each (the spans, then the RMS bands over them), not two fills per column.
  const spans = new Path2D();
  const bands = new Path2D();
  for (const c of g.columns) {
    spans.rect(c.x, c.spanTop, c.width, c.spanHeight);
    bands.rect(c.x, c.rmsTop, c.width, c.rmsHeight);
  }
  ctx.fillStyle = WAVEFORM_COLOURS.span;
  ctx.fill(spans);
  ctx.fillStyle = WAVEFORM_COLOURS.rms;
  ctx.fill(bands);
  ctx.restore();
  return { columns: g.columns.length, loudestSeconds: g.loudestSeconds, loudestX: g.loudestX };
}
