/** Text and attribute values escaped for XML. */
export function xml(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number with at most 2 decimals, for coordinates (smaller files, same drawing). */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** One element with attributes (null/undefined ones left out) and optional content (already XML). */
export function el(tag: string, attrs: Record<string, string | number | null | undefined>, content?: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(typeof v === 'number' ? n(v) : v!)}"`)
    .join('');
  return content === undefined ? `<${tag}${a}/>` : `<${tag}${a}>${content}</${tag}>`;
}

/** A whole SVG document of `width` × `height` CSS pixels, titled, on a white background. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="system-ui, sans-serif" font-size="11">` +
    `<title>${xml(title)}</title>${el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' })}${body.join('')}</svg>\n`
  );
}
