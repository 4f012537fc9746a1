import { CODEBOOK_SIZE, LAYER_COUNT } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { codeMatrix } from '../../domain/code-matrix.js';
import type { CodeLocation } from './code-location.js';
import { detailValue, invalidCodes, showValue } from './code-location.js';
import type { Orientation } from './orientation.js';

/** How to read nested rows. */
export interface ValidateRowsOptions {
  /** 'frame-major' (default): N rows of 16 tokens; 'layer-major': 16 rows of N tokens. */
  readonly orientation?: Orientation;
  /** Name of the field the rows came from, for messages (e.g. `audio_codes`). */
  readonly field?: string;
}

/**
 * Turns nested number arrays into a CodeMatrix, or throws INVALID_CODES naming the first problem:
 * the frame (0-based), the layer (1..16) and the value, in frame-major order.
 */
export function validateRows(rows: unknown, at: CodeLocation, options: ValidateRowsOptions = {}): CodeMatrix {
  const prefix = options.field === undefined ? '' : `${options.field} `;
  const fail = (problem: string, position = {}) => invalidCodes(at, prefix + problem, position);
  if (!Array.isArray(rows)) throw fail(`is ${showValue(rows)}, expected an array of rows`);
  if (rows.length === 0) throw fail('is empty: a code matrix needs at least one frame');
  const layerMajor = options.orientation === 'layer-major';
  const frames = layerMajor ? checkLayerRows(rows, fail) : rows.length;
  const tokens = new Uint16Array(frames * LAYER_COUNT);
  for (let frame = 0; frame < frames; frame++) {
    const row: unknown = layerMajor ? undefined : rows[frame];
    if (!layerMajor) checkFrameRow(rows, frame, row, fail);
    for (let li = 0; li < LAYER_COUNT; li++) {
      const value: unknown = layerMajor ? rows[li][frame] : (row as unknown[])[li];
      const where = `frame ${frame} (0-based), layer ${li + 1}`;
      const position = { frame, layer: li + 1, value: detailValue(value) };
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw fail(`${where}: token ${showValue(value)} is not an integer`, position);
      }
      if (value < 0 || value >= CODEBOOK_SIZE) {
        throw fail(`${where}: token ${value} is outside 0..${CODEBOOK_SIZE - 1}`, position);
      }
      tokens[frame * LAYER_COUNT + li] = value;
    }
  }
  return codeMatrix(tokens);
}

type Fail = (problem: string, position?: object) => Error;

/** A frame-major row must hold exactly 16 tokens; a 16×N input gets a hint instead of a guess. */
function checkFrameRow(rows: unknown[], frame: number, row: unknown, fail: Fail): void {
  if (!Array.isArray(row)) {
    throw fail(`frame ${frame} (0-based) is ${showValue(row)}, expected an array of ${LAYER_COUNT} tokens`, { frame });
  }
  if (row.length === LAYER_COUNT) return;
  const looksLayerMajor =
    rows.length === LAYER_COUNT && rows.every((r) => Array.isArray(r) && r.length === row.length);
  const hint = looksLayerMajor
    ? `; it looks layer-major (16×${row.length}); the official format is N×16`
    : frame > 0
      ? `; frames before it have ${LAYER_COUNT}`
      : '';
  throw fail(`frame ${frame} (0-based) has ${row.length} layers, expected ${LAYER_COUNT}${hint}`, { frame });
}

/** Layer-major input: exactly 16 rows of the same length; returns that length (the frame count). */
function checkLayerRows(rows: unknown[], fail: Fail): number {
  if (rows.length !== LAYER_COUNT) throw fail(`has ${rows.length} layer rows, expected ${LAYER_COUNT} (layer-major)`);
  const frames = Array.isArray(rows[0]) ? rows[0].length : 0;
  for (let li = 0; li < LAYER_COUNT; li++) {
    const row: unknown = rows[li];
    if (!Array.isArray(row)) throw fail(`layer ${li + 1} is ${showValue(row)}, expected an array of tokens`, { layer: li + 1 });
    if (row.length !== frames) {
      throw fail(`layer ${li + 1} has ${row.length} frames where layer 1 has ${frames} (layer-major)`, { layer: li + 1 });
    }
  }
  if (frames === 0) throw fail('is empty: a code matrix needs at least one frame');
  return frames;
}
