/** A cleared 2D context sized to the canvas's CSS box at the screen's pixel ratio, drawing in CSS pixels. */
export interface FittedCanvas {
  ctx: CanvasRenderingContext2D;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** CSS sizes read by measureCanvas for the next fitCanvas of each canvas. */
const measured = new WeakMap<HTMLCanvasElement, CanvasSize>();

/** A canvas's CSS box, pixels. */
export interface CanvasSize {
  width: number;
  height: number;
}

/**
 * Reads `canvas`'s CSS size now, for its next fitCanvas: a drawer that runs later (when its data
 * arrives, after other parts of the page have changed) then does not force a layout of the page
 * to measure it. Returns the size read.
 */
export function measureCanvas(canvas: HTMLCanvasElement): CanvasSize {
  const size = { width: canvas.clientWidth, height: canvas.clientHeight };
  measured.set(canvas, size);
  return size;
}

/** Sizes the canvas's backing store to its CSS size × devicePixelRatio (when it differs) and clears it. */
export function fitCanvas(canvas: HTMLCanvasElement): FittedCanvas {
  const dpr = window.devicePixelRatio || 1;
  const size = measured.get(canvas);
  measured.delete(canvas);
  const width = size?.width ?? canvas.clientWidth;
  const height = size?.height ?? canvas.clientHeight;
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
