import { LAYERS } from '../format';
import type { CodeCache } from './code-cache';
import { TOKEN_COLOURS } from './colour-map';
import { fitCanvas } from './fit-canvas';

/**
 * Draws frames [start, start + count) of the code matrix onto `canvas` between x = left and
 * x = right (CSS pixels): layer 1 in the top row, time across, one cell per frame and layer.
 * Frames whose chunk has not arrived are drawn grey. Returns how many cells were drawn.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, cache: CodeCache, start: number, count: number, left: number, right: number): number {
  const { ctx, height } = fitCanvas(canvas);
  const frames = Math.max(0, Math.min(count, cache.frameCount - start));
  if (frames === 0) return 0;
  const image = new ImageData(frames, LAYERS);
  const px = image.data;
  for (let l = 0; l < LAYERS; l++) {
    for (let i = 0; i < frames; i++) {
      const token = cache.token(start + i, l + 1);
      const o = (l * frames + i) * 4;
      if (token < 0) {
        px[o] = px[o + 1] = px[o + 2] = 205;
        px[o + 3] = 255;
      } else {
        const c = token * 4;
        px[o] = TOKEN_COLOURS[c]!;
        px[o + 1] = TOKEN_COLOURS[c + 1]!;
        px[o + 2] = TOKEN_COLOURS[c + 2]!;
        px[o + 3] = 255;
      }
    }
  }
  const bitmap = document.createElement('canvas');
  bitmap.width = frames;
  bitmap.height = LAYERS;
  bitmap.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  // The window may run past the end of the audio: cells keep their width, the rest stays blank.
  const cell = (right - left) / count;
  ctx.drawImage(bitmap, 0, 0, frames, LAYERS, left, 0, cell * frames, height);
  ctx.strokeStyle = 'rgba(255,255,255,0.35)';
  ctx.lineWidth = 1;
  for (let l = 1; l < LAYERS; l++) {
    const y = Math.round((l * height) / LAYERS) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + cell * frames, y);
    ctx.stroke();
  }
  return frames * LAYERS;
}
