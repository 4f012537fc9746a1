/** A cleared 2D context sized to the canvas's CSS box at the screen's pixel ratio, drawing in CSS pixels. */
export interface FittedCanvas {
  ctx: CanvasRenderingContext2D;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** A canvas's CSS box, pixels. */
export interface CanvasSize {
  width: number;
  height: number;
}

/** `canvas`'s CSS size, read now (reading it forces a layout when the page has changed since the last one). */
export function measureCanvas(canvas: HTMLCanvasElement): CanvasSize {
  return { width: canvas.clientWidth, height: canvas.clientHeight };
}

/**
 * Sizes the canvas's backing store to its CSS size × devicePixelRatio (when it differs) and clears
 * it. `size`: the CSS size measured earlier (measureCanvas), so a drawer that runs later, after
 * other parts of the page have changed, does not force a layout to read it; read now by default.
 */
export function fitCanvas(canvas: HTMLCanvasElement, size: CanvasSize = measureCanvas(canvas)): FittedCanvas {
  const dpr = window.devicePixelRatio || 1;
  const { width, height } = size;
  const w = Math.round(width * dpr);
  const hgt = Math.round(height * dpr);
  // Setting the size reallocates the backing store even when it is unchanged: only on a resize.
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== hgt) canvas.height = hgt;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, width, height };
}
