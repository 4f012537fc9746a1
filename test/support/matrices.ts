import { LAYER_COUNT, layerIndex } from '../../src/domain/contract.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';

/** A matrix from frame rows of 16 tokens each (the official N × 16 orientation). */
export function matrixFromRows(rows: readonly (readonly number[])[]): CodeMatrix {
  const tokens = new Uint16Array(rows.length * LAYER_COUNT);
  rows.forEach((row, frame) => {
    if (row.length !== LAYER_COUNT) throw new Error(`row ${frame} has ${row.length} tokens, not ${LAYER_COUNT}`);
    tokens.set(row, frame * LAYER_COUNT);
  });
  return codeMatrix(tokens);
}

/** One frame row where every layer holds `fill` except those given as {layer (1..16): token}. */
export function frameRow(fill: number, layers: Readonly<Record<number, number>> = {}): number[] {
  const row = new Array<number>(LAYER_COUNT).fill(fill);
  for (const [layer, token] of Object.entries(layers)) row[layerIndex(Number(layer))] = token;
  return row;
}
