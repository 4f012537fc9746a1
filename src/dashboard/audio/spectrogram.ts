import { fitCanvas } from './fit-canvas';
import type { SignalBlock } from './signal-cache';

/** Levels shown below the window's loudest, dB: quieter ones are drawn as the darkest colour. */
const RANGE_DB = 80;

/** A dark-to-light ramp (black, purple, red, orange, pale yellow, like magma): 256 RGB triples. */
const RAMP = (() => {
  const stops = [
    [0, 0, 4],
    [59, 15, 112],
    [140, 41, 129],
    [222, 73, 104],
    [254, 159, 109],
    [252, 253, 191],
  ];
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const at = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(at));
    const f = at - k;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = stops[k]![c]! + (stops[k + 1]![c]! - stops[k]![c]!) * f;
  }
  return out;
})();

/**
 * Draws the mel spectrogram of frames [start, start + frames) onto `canvas` between x = left and
 * x = right (CSS pixels), lowest band at the bottom, coloured over the RANGE_DB below the loudest
 * level in view (so a quiet recording still shows its structure). Returns the columns drawn.
 */
export function drawSpectrogram(canvas: HTMLCanvasElement, blocks: readonly SignalBlock[], start: number, frames: number, left: number, right: number): number {
  const { ctx, height } = fitCanvas(canvas);
  if (!blocks.length) return 0;
  const cell = (right - left) / frames;
  let top = 0;
  for (const b of blocks) for (const v of b.spectrogram.levels) if (v > top) top = v;
  const span = RANGE_DB / blocks[0]!.spectrogram.stepDb;
  const low = top - span;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, right - left, height);
  ctx.clip();
  ctx.imageSmoothingEnabled = false;
  let columns = 0;
  for (const b of blocks) {
    const { columns: n, bands } = b.spectrogram;
    const bitmap = blockBitmap(b, low, span);
    const x0 = left + (b.startFrame - start) * cell;
    const width = b.frameCount * cell;
    ctx.drawImage(bitmap, 0, 0, n, bands, x0, 0, width, height);
    const from = Math.max(0, Math.floor(((left - x0) / width) * n));
    const to = Math.min(n, Math.ceil(((right - x0) / width) * n));
    columns += Math.max(0, to - from);
  }
  ctx.restore();
  return columns;
}

/** Each block's coloured bitmap for the `low` it was coloured from: a pan mostly redraws blocks already coloured. */
const bitmaps = new WeakMap<SignalBlock, { low: number; canvas: HTMLCanvasElement }>();

/** Block `b`'s spectrogram as a bands-high bitmap, coloured over `span` steps above `low` (kept for the next draw). */
function blockBitmap(b: SignalBlock, low: number, span: number): HTMLCanvasElement {
  const kept = bitmaps.get(b);
  if (kept && kept.low === low) return kept.canvas;
  const { columns: n, bands, levels } = b.spectrogram;
  const image = new ImageData(n, bands);
  const px = image.data;
  for (let c = 0; c < n; c++) {
    for (let band = 0; band < bands; band++) {
      const shade = Math.max(0, Math.min(255, Math.round(((levels[c * bands + band]! - low) / span) * 255)));
      const o = ((bands - 1 - band) * n + c) * 4;
      px[o] = RAMP[shade * 3]!;
      px[o + 1] = RAMP[shade * 3 + 1]!;
      px[o + 2] = RAMP[shade * 3 + 2]!;
      px[o + 3] = 255;
    }
  }
  const canvas = kept?.canvas ?? document.createElement('canvas');
  canvas.width = n;
  canvas.height = bands;
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  bitmaps.set(b, { low, canvas });
  return canvas;
}
