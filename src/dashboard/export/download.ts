import { themeColour } from '../theme';
/** Hands `blob` to the browser as a downloaded file called `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Later, not now: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The canvas as a PNG on a white background (its pixels, at the screen's pixel ratio). */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  const flat = document.createElement('canvas');
  flat.width = canvas.width;
  flat.height = canvas.height;
  const ctx = flat.getContext('2d')!;
  // The page's surface colour, so that a chart drawn for the dark scheme keeps its contrast.
  ctx.fillStyle = themeColour('--surface', '#ffffff');
  ctx.fillRect(0, 0, flat.width, flat.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve, reject) => flat.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the chart as PNG'))), 'image/png'));
}
