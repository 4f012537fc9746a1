import type { SignalBlock } from './signal-block.js';

/** Levels shown below the window's loudest, dB: quieter ones are drawn as the darkest colour. */
export const RANGE_DB = 80;

/** A dark-to-light ramp (black, purple, red, orange, pale yellow, like magma): 256 RGB triples. */
export const RAMP = (() => {
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

/** Shade `s` (0..255) of the ramp as '#rrggbb'. */
export function rampColour(s: number): string {
  return `#${[RAMP[s * 3]!, RAMP[s * 3 + 1]!, RAMP[s * 3 + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** One block's spectrogram placed on the plot: its cells' shades and where they go (CSS pixels). */
export interface SpectrogramTile {
  /** Left edge and width of the whole block; its columns are equally wide. */
  x: number;
  width: number;
  columns: number;
  bands: number;
  /** Shade (ramp index 0..255) of each cell, column after column, lowest band first in each. */
  shades: Uint8Array;
  /** Its columns [from, to) that reach into [left, right]. */
  from: number;
  to: number;
}

/**
 * The mel spectrogram of frames [start, start + frames) laid out between x = left and x = right,
 * as the heatmap lays frames out, each level shaded over the RANGE_DB below the loudest level in
 * view (so a quiet recording still shows its structure). For the canvas and the SVG export alike.
 */
export function spectrogramLayout(blocks: readonly SignalBlock[], start: number, frames: number, left: number, right: number): SpectrogramTile[] {
  if (!blocks.length) return [];
  const cell = (right - left) / frames;
  let top = 0;
  for (const b of blocks) for (const v of b.spectrogram.levels) if (v > top) top = v;
  const span = RANGE_DB / blocks[0]!.spectrogram.stepDb;
  const low = top - span;
  return blocks.map((b) => {
    const { columns, bands } = b.spectrogram;
    const shades = shadesOf(b, low, span);
    const x = left + (b.startFrame - start) * cell;
    const width = b.frameCount * cell;
    const from = Math.max(0, Math.floor(((left - x) / width) * columns));
    const to = Math.max(from, Math.min(columns, Math.ceil(((right - x) / width) * columns)));
    return { x, width, columns, bands, shades, from, to };
  });
}

/** Each block's shades for the `low` they were made from: a pan mostly meets blocks already shaded (and the canvas their bitmaps). */
const shaded = new WeakMap<SignalBlock, { low: number; shades: Uint8Array }>();

/** Block `b`'s levels as shades over `span` steps above `low` (kept while `low` holds). */
function shadesOf(b: SignalBlock, low: number, span: number): Uint8Array {
  const kept = shaded.get(b);
  if (kept && kept.low === low) return kept.shades;
  const { levels } = b.spectrogram;
  const shades = new Uint8Array(levels.length);
  for (let i = 0; i < shades.length; i++) shades[i] = Math.max(0, Math.min(255, Math.round(((levels[i]! - low) / span) * 255)));
  shaded.set(b, { low, shades });
  return shades;
}
