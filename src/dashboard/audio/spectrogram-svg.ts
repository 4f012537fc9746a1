import { el, n, svgDocument } from '../export/svg-text.js';
import { TIME_AXIS_HEIGHT, timeAxisSvg } from '../export/time-axis.js';
import { clock, FRAMES_PER_SECOND } from '../format.js';
import type { SignalBlock } from './signal-block.js';
import { rampColour, spectrogramLayout } from './spectrogram-geometry.js';

/**
 * The mel spectrogram of frames [start, start + frames) as drawSpectrogram draws it on a
 * `width` × `height` canvas (CSS pixels), as SVG: along each band (lowest at the bottom), a
 * rectangle per run of equal-coloured columns that reach into [left, right], clipped to it; the
 * rectangles of one colour are one path (`data-series`: shade and its ramp index), so the file stays near
 * 30 bytes a run: at most bands × columns-in-view runs. The top frequency and 0 in the gutter, and
 * a time axis under the plot.
 */
export function spectrogramSvg(blocks: readonly SignalBlock[], start: number, frames: number, width: number, height: number, left: number, right: number): string {
  const tiles = spectrogramLayout(blocks, start, frames, left, right);
  const runs = new Map<number, string[]>();
  for (const t of tiles) {
    const cw = t.width / t.columns;
    const rh = height / t.bands;
    for (let band = 0; band < t.bands; band++) {
      const y = (t.bands - 1 - band) * rh;
      for (let c = t.from; c < t.to; ) {
        const shade = t.shades[c * t.bands + band]!;
        let d = c + 1;
        while (d < t.to && t.shades[d * t.bands + band] === shade) d++;
        const w = (d - c) * cw;
        let list = runs.get(shade);
        if (!list) runs.set(shade, (list = []));
        list.push(`M${n(t.x + c * cw)} ${n(y)}h${n(w)}v${n(rh)}h${n(-w)}z`);
        c = d;
      }
    }
  }
  const cells = [...runs.keys()].sort((a, b) => a - b).map((shade) => el('path', { fill: rampColour(shade), 'data-series': `shade ${shade}`, d: runs.get(shade)!.join('') }));
  const t0 = start / FRAMES_PER_SECOND;
  const t1 = (start + frames) / FRAMES_PER_SECOND;
  const topHz = blocks[0]?.spectrogram.maxHz ?? 12_000;
  const label = (y: number, text: string) => el('text', { x: left - 4, y, 'text-anchor': 'end', fill: '#5b6475', 'font-size': 10 }, text);
  const body = [
    el('defs', {}, el('clipPath', { id: 'plot' }, el('rect', { x: left, y: 0, width: right - left, height }))),
    label(10, `${(topHz / 1000).toFixed(0)} kHz`),
    label(height - 2, '0 Hz'),
    // crispEdges: neighbouring runs meet without the hairline seams anti-aliasing leaves.
    el('g', { 'clip-path': 'url(#plot)', 'shape-rendering': 'crispEdges' }, cells.join('')),
    ...timeAxisSvg(t0, t1, left, right, height),
  ];
  const title = `Mel spectrogram of the original audio, ${clock(t0)}–${clock(t1)} (frames ${start}–${start + frames - 1}): low frequencies at the bottom, louder is lighter`;
  return svgDocument(width, height + TIME_AXIS_HEIGHT, title, body);
}
