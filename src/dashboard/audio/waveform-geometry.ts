import { FRAMES_PER_SECOND } from '../format.js';
import type { SignalBlock } from './signal-block.js';

/** The waveform's colours: the zero line, the lowest-to-highest span, the ±RMS band (the same in both colour schemes). */
export const WAVEFORM_COLOURS = { zero: '#d9dde5', span: '#8a97b3', rms: '#2c3a5a' } as const;

/** One drawn column, CSS pixels: the span from its highest to its lowest sample and its ±RMS band, each at least 1 px. */
export interface WaveformColumn {
  x: number;
  width: number;
  spanTop: number;
  spanHeight: number;
  rmsTop: number;
  rmsHeight: number;
}

/** Where everything of a waveform lies, for the canvas and the SVG export alike. */
export interface WaveformGeometry {
  /** The zero line's y (its 1-px row starts there). */
  zeroY: number;
  columns: WaveformColumn[];
  /** Centre of the loudest column whose centre lies in view (highest RMS), seconds; null when none. */
  loudestSeconds: number | null;
  /** Its x; null when none. */
  loudestX: number | null;
}

/**
 * The waveform of frames [start, start + frames) laid out between x = left and x = right in a
 * plot `height` pixels tall, as the heatmap lays frames out: a column per summary column that
 * reaches into [left, right]; amplitudes clamped to ±1, +1 at the top.
 */
export function waveformGeometry(blocks: readonly SignalBlock[], start: number, frames: number, left: number, right: number, height: number): WaveformGeometry {
  const cell = (right - left) / frames;
  const mid = height / 2;
  const y = (v: number) => mid - Math.max(-1, Math.min(1, v)) * (mid - 1);
  const columns: WaveformColumn[] = [];
  let loudest = -1;
  let loudestSeconds: number | null = null;
  let loudestX: number | null = null;
  for (const b of blocks) {
    const w = b.waveform;
    const x0 = left + (b.startFrame - start) * cell;
    const width = (b.frameCount * cell) / w.columns;
    for (let i = 0; i < w.columns; i++) {
      const x = x0 + i * width;
      if (x + width < left || x > right) continue;
      columns.push({
        x,
        width: Math.max(1, width),
        spanTop: y(w.max[i]!),
        spanHeight: Math.max(1, y(w.min[i]!) - y(w.max[i]!)),
        rmsTop: y(w.rms[i]!),
        rmsHeight: Math.max(1, y(-w.rms[i]!) - y(w.rms[i]!)),
      });
      const centre = x + width / 2;
      if (w.rms[i]! > loudest && centre >= left && centre <= right) {
        loudest = w.rms[i]!;
        loudestX = centre;
        loudestSeconds = (b.startFrame + ((i + 0.5) * b.frameCount) / w.columns) / FRAMES_PER_SECOND;
      }
    }
  }
  return { zeroY: Math.floor(mid), columns, loudestSeconds, loudestX };
}
