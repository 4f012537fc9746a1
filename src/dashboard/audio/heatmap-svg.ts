import { el, svgDocument } from '../export/svg-text';
import { LAYERS } from '../format';
import type { CodeCache } from './code-cache';

/**
 * Frames [start, start + count) of the code matrix as drawHeatmap draws them, as SVG: one rect per
 * run of equal-coloured cells along each layer (layer 1 at the top), the layer numbers in the
 * gutter left of `left`, each cell in `colour(token, layer)` (the colouring the canvas shows). Sizes in CSS pixels.
 */
export function heatmapSvg(cache: CodeCache, start: number, count: number, width: number, height: number, left: number, right: number, colour: (token: number, layer: number) => string): string {
  const frames = Math.max(0, Math.min(count, cache.frameCount - start));
  const cell = (right - left) / Math.max(1, count);
  const row = height / LAYERS;
  const body: string[] = [];
  for (let l = 0; l < LAYERS; l++) {
    const y = l * row;
    body.push(el('text', { x: left - 4, y: y + row / 2 + 3.5, 'text-anchor': 'end', fill: '#5b6475', 'font-size': 10 }, String(l + 1)));
    for (let i = 0; i < frames; ) {
      const fill = colour(cache.token(start + i, l + 1), l + 1);
      let j = i + 1;
      while (j < frames && colour(cache.token(start + j, l + 1), l + 1) === fill) j++;
      body.push(el('rect', { x: left + i * cell, y, width: (j - i) * cell, height: row, fill }));
      i = j;
    }
  }
  return svgDocument(width, height, `Code matrix heatmap: frames ${start}–${start + frames - 1}, 16 layers (layer 1 at the top)`, body);
}
