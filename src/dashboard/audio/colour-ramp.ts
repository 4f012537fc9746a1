/** A colour ramp over 0..1 as 256 RGB entries, interpolated between stops. */
export function ramp(stops: readonly (readonly [number, string])[]): Uint8ClampedArray {
  const rgb = stops.map(([at, hex]) => [at, parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)] as const);
  const out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = i / 255;
    let k = 0;
    while (k < rgb.length - 2 && x > rgb[k + 1]![0]) k++;
    const a = rgb[k]!;
    const b = rgb[k + 1]!;
    const f = b[0] === a[0] ? 0 : Math.max(0, Math.min(1, (x - a[0]) / (b[0] - a[0])));
    for (let c = 1; c <= 3; c++) out[i * 3 + c - 1] = a[c]! + f * (b[c]! - a[c]!);
  }
  return out;
}

/** The ramp as a CSS linear-gradient, for a legend. */
export function rampGradient(stops: readonly (readonly [number, string])[]): string {
  return `linear-gradient(to right, ${stops.map(([at, hex]) => `${hex} ${Math.round(at * 100)}%`).join(', ')})`;
}
