import { el, n, svgDocument } from '../export/svg-text.js';
import { TIME_AXIS_HEIGHT, timeAxisSvg } from '../export/time-axis.js';
import { clock, FRAMES_PER_SECOND } from '../format.js';
import type { SignalBlock } from './signal-block.js';
import { WAVEFORM_COLOURS, waveformGeometry } from './waveform-geometry.js';
import type { WaveformColumn } from './waveform-geometry.js';

/** Rects as one path's subpaths (a waveform has a column per pixel: one element each would be bulky). */
function rectsPath(rects: readonly { x: number; y: number; width: number; height: number }[]): string {
  return rects.map((r) => `M${n(r.x)} ${n(r.y)}h${n(r.width)}v${n(r.height)}h${n(-r.width)}z`).join('') || 'M0 0';
}

/**
 * The waveform of frames [start, start + frames) as drawWaveform draws it on a `width` × `height`
 * canvas (CSS pixels), as SVG: the zero line, one path of the columns' lowest-to-highest spans and
 * one of their ±RMS bands, clipped to [left, right]; +1, 0 and −1 in the gutter, and a time axis
 * under the plot.
 */
export function waveformSvg(blocks: readonly SignalBlock[], start: number, frames: number, width: number, height: number, left: number, right: number): string {
  const g = waveformGeometry(blocks, start, frames, left, right, height);
  const t0 = start / FRAMES_PER_SECOND;
  const t1 = (start + frames) / FRAMES_PER_SECOND;
  const span = (c: WaveformColumn) => ({ x: c.x, y: c.spanTop, width: c.width, height: c.spanHeight });
  const rms = (c: WaveformColumn) => ({ x: c.x, y: c.rmsTop, width: c.width, height: c.rmsHeight });
  const label = (y: number, text: string) => el('text', { x: left - 4, y, 'text-anchor': 'end', fill: '#5b6475', 'font-size': 10 }, text);
  const body = [
    el('defs', {}, el('clipPath', { id: 'plot' }, el('rect', { x: left, y: 0, width: right - left, height }))),
    label(10, '+1'),
    label(height / 2 + 3.5, '0'),
    label(height - 2, '−1'),
    el(
      'g',
      { 'clip-path': 'url(#plot)' },
      el('rect', { x: left, y: g.zeroY, width: right - left, height: 1, fill: WAVEFORM_COLOURS.zero }) +
        el('path', { d: rectsPath(g.columns.map(span)), fill: WAVEFORM_COLOURS.span, 'data-series': 'span' }) +
        el('path', { d: rectsPath(g.columns.map(rms)), fill: WAVEFORM_COLOURS.rms, 'data-series': 'rms' }),
    ),
    ...timeAxisSvg(t0, t1, left, right, height),
  ];
  const title = `Waveform of the original audio, ${clock(t0)}–${clock(t1)} (frames ${start}–${start + frames - 1}): lowest to highest sample per column, ±RMS darker, ${g.columns.length} columns`;
  return svgDocument(width, height + TIME_AXIS_HEIGHT, title, body);
}
