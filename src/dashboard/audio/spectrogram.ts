import { fitCanvas } from './fit-canvas';
import type { CanvasSize } from './fit-canvas';
import type { SignalBlock } from './signal-block';
import { RAMP, spectrogramLayout } from './spectrogram-geometry';
import type { SpectrogramTile } from './spectrogram-geometry';

/**
 * Draws the mel spectrogram of frames [start, start + frames) onto `canvas` between x = left and
 * x = right (CSS pixels), lowest band at the bottom, shaded as spectrogramLayout says (spectrogramSvg
 * draws the same). Returns the columns drawn.
 */
export function drawSpectrogram(canvas: HTMLCanvasElement, blocks: readonly SignalBlock[], start: number, frames: number, left: number, right: number, size?: CanvasSize): number {
  const { ctx, height } = fitCanvas(canvas, size);
  const tiles = spectrogramLayout(blocks, start, frames, left, right);
  if (!tiles.length) return 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, right - left, height);
  ctx.clip();
  ctx.imageSmoothingEnabled = false;
  let columns = 0;
  for (const t of tiles) {
    ctx.drawImage(tileBitmap(t), 0, 0, t.columns, t.bands, t.x, 0, t.width, height);
    columns += t.to - t.from;
  }
  ctx.restore();
  return columns;
}

/** Each shaded block's bitmap (spectrogramLayout keeps a block's shades while the window's loudness range holds), so a pan mostly redraws bitmaps already made. */
const bitmaps = new WeakMap<Uint8Array, HTMLCanvasElement>();

/** Tile `t` as a bands-high bitmap, lowest band at the bottom. */
function tileBitmap(t: SpectrogramTile): HTMLCanvasElement {
  const kept = bitmaps.get(t.shades);
  if (kept) return kept;
  const { columns: n, bands, shades } = t;
  const image = new ImageData(n, bands);
  const px = image.data;
  for (let c = 0; c < n; c++) {
    for (let band = 0; band < bands; band++) {
      const shade = shades[c * bands + band]!;
      const o = ((bands - 1 - band) * n + c) * 4;
      px[o] = RAMP[shade * 3]!;
      px[o + 1] = RAMP[shade * 3 + 1]!;
      px[o + 2] = RAMP[shade * 3 + 2]!;
      px[o + 3] = 255;
    }
  }
  const bitmap = document.createElement('canvas');
  bitmap.width = n;
  bitmap.height = bands;
  bitmap.getContext('2d')!.putImageData(image, 0, 0);
  bitmaps.set(shades, bitmap);
  return bitmap;
}
