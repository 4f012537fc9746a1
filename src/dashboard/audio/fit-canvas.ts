/** A cleared 2D context sized to the canvas's CSS box at the screen's pixel ratio, drawing in CSS pixels. */
export interface FittedCanvas {
  ctx: CanvasRenderingContext2D;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** Resizes the canvas's backing store to its CSS size × devicePixelRatio and clears it. */
export function fitCanvas(canvas: HTMLCanvasElement): FittedCanvas {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}
