import { CODEBOOK_SIZE, LAYERS } from '../format';
import type { CodeCache } from './code-cache';
import { fitCanvas } from './fit-canvas';
import type { Colouring } from './token-colouring';

/** What one heatmap draw covered. */
export interface HeatmapDrawn {
  /** Frames drawn (all of them, summarised where they outnumber the columns). */
  frames: number;
  /** Columns of cells drawn: the frames, or the pixel columns when there are fewer. */
  columns: number;
}

/**
 * Draws frames [start, start + count) of the code matrix onto `canvas` between x = left and
 * x = right (CSS pixels): layer 1 in the top row, time across, coloured by `colouring`. One column
 * per frame while the frames fit the pixel columns; beyond that each pixel column summarises its
 * frames by the colouring's rule (most common token, mean value or mean colour) rather than
 * skipping some. Frames whose chunk has not arrived are grey.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, cache: CodeCache, start: number, count: number, left: number, right: number, colouring: Colouring): HeatmapDrawn {
  const { ctx, height } = fitCanvas(canvas);
  const frames = Math.max(0, Math.min(count, cache.frameCount - start));
  if (frames === 0) return { frames: 0, columns: 0 };
  // The window may run past the end of the audio: cells keep their width, the rest stays blank.
  const width = ((right - left) / count) * frames;
  const columns = Math.max(1, Math.min(frames, Math.floor(width)));
  const image = new ImageData(columns, LAYERS);
  const px = image.data;
  const tokens = new Int16Array(Math.ceil(frames / columns) + 1);
  const histogram = new Uint16Array(CODEBOOK_SIZE);
  for (let l = 0; l < LAYERS; l++) {
    for (let c = 0; c < columns; c++) {
      const f0 = Math.floor((c * frames) / columns);
      const f1 = Math.max(f0 + 1, Math.floor(((c + 1) * frames) / columns));
      let n = 0;
      for (let f = f0; f < f1; f++) {
        const token = cache.token(start + f, l + 1);
        if (token >= 0) tokens[n++] = token;
      }
      const o = (l * columns + c) * 4;
      px[o + 3] = 255;
      if (n === 0) {
        px[o] = px[o + 1] = px[o + 2] = 205;
        continue;
      }
      paintColumn(px, o, colouring, l, tokens, n, histogram);
    }
  }
  const bitmap = document.createElement('canvas');
  bitmap.width = columns;
  bitmap.height = LAYERS;
  bitmap.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, 0, 0, columns, LAYERS, left, 0, width, height);
  ctx.strokeStyle = 'rgba(255,255,255,0.35)';
  ctx.lineWidth = 1;
  for (let l = 1; l < LAYERS; l++) {
    const y = Math.round((l * height) / LAYERS) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
  }
  return { frames, columns };
}

/** The colour `colouring` gives `token` of layer index `l` as '#rrggbb' (one cell of one frame; the SVG export draws with it). */
export function cellColour(colouring: Colouring, l: number, token: number): string {
  if (token < 0) return '#cdcdcd';
  const px = new Uint8ClampedArray(4);
  paintColumn(px, 0, colouring, l, Int16Array.of(token), 1, new Uint16Array(CODEBOOK_SIZE));
  return `#${[px[0]!, px[1]!, px[2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Writes the colour of `n` tokens of layer index `l` (one cell) at px[o..o+2]. */
function paintColumn(px: Uint8ClampedArray, o: number, colouring: Colouring, l: number, tokens: Int16Array, n: number, histogram: Uint16Array): void {
  const base = l * CODEBOOK_SIZE;
  switch (colouring.kind) {
    case 'categorical': {
      let token = tokens[0]!;
      if (n > 1) {
        let best = 0;
        for (let i = 0; i < n; i++) {
          const k = ++histogram[tokens[i]!]!;
          if (k > best || (k === best && tokens[i]! < token)) [best, token] = [k, tokens[i]!];
        }
        for (let i = 0; i < n; i++) histogram[tokens[i]!] = 0;
      }
      px[o] = colouring.lut[token * 4]!;
      px[o + 1] = colouring.lut[token * 4 + 1]!;
      px[o + 2] = colouring.lut[token * 4 + 2]!;
      return;
    }
    case 'scalar': {
      let sum = 0;
      let cold = 0;
      for (let i = 0; i < n; i++) {
        sum += colouring.values[base + tokens[i]!]!;
        cold += colouring.cold?.[base + tokens[i]!] ?? 0;
      }
      if (cold === n) {
        px[o] = px[o + 1] = px[o + 2] = 0;
        return;
      }
      const k = Math.round(Math.max(0, Math.min(1, sum / n)) * 255) * 3;
      px[o] = colouring.ramp[k]!;
      px[o + 1] = colouring.ramp[k + 1]!;
      px[o + 2] = colouring.ramp[k + 2]!;
      return;
    }
    case 'vector': {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = 0; i < n; i++) {
        const at = (base + tokens[i]!) * 3;
        r += colouring.rgb[at]!;
        g += colouring.rgb[at + 1]!;
        b += colouring.rgb[at + 2]!;
      }
      px[o] = r / n;
      px[o + 1] = g / n;
      px[o + 2] = b / n;
    }
  }
}
