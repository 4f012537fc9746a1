import { CODEBOOK_SIZE, LAYER_COUNT } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { codeMatrix } from '../../domain/code-matrix.js';
import type { CodeParseResult } from './code-item.js';
import { resultOf } from './code-item.js';
import { fileLocation, invalidCodes } from './code-location.js';
import { readWholeFile } from './file-access.js';
import { elementReader, parseIntDtype } from './npy-dtype.js';
import { parseNpyHeader } from './npy-header.js';
import type { OrientationOptions } from './orientation.js';
import { resolveOrientation } from './orientation.js';

/** Reads a .npy file as one matrix: yields one item or one failure. Throws UNREADABLE_FILE on I/O errors. */
export async function* parseNpyFile(path: string, options: OrientationOptions = {}): AsyncGenerator<CodeParseResult> {
  const bytes = await readWholeFile(path);
  yield resultOf({ path }, () => ({ matrix: parseNpy(bytes, path, options) }));
}

/**
 * Decodes .npy bytes (v1.0–3.0, any integer dtype, C or Fortran order, [N,16] or [16,N]) into a
 * frame-major CodeMatrix; throws INVALID_CODES naming the dtype, shape, or first bad frame/layer/value.
 */
export function parseNpy(bytes: Uint8Array, path: string, options: OrientationOptions = {}): CodeMatrix {
  const at = fileLocation(path);
  const header = parseNpyHeader(bytes, at);
  const dtype = parseIntDtype(header.descr, at);
  const shape = header.shape;
  if (shape.length !== 2) {
    throw invalidCodes(at, `has shape (${shape.join(', ')}) of rank ${shape.length}; expected rank 2 ([N, 16] or [16, N])`);
  }
  const [rows, cols] = shape as [number, number];
  const orientation = resolveOrientation([rows, cols], options.orientation, at);
  const frames = orientation === 'frame-major' ? rows : cols;
  if (frames === 0) throw invalidCodes(at, `has shape (${rows}, ${cols}): a code matrix needs at least one frame`);
  const needed = rows * cols * dtype.bytes;
  const available = bytes.length - header.dataOffset;
  if (available !== needed) {
    const what = available < needed ? 'is truncated' : 'has trailing bytes';
    throw invalidCodes(at, `${what}: shape (${rows}, ${cols}) of '${header.descr}' needs ${needed} data bytes, found ${available}`);
  }
  const read = elementReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), header.dataOffset, dtype);
  const tokens = new Uint16Array(frames * LAYER_COUNT);
  for (let frame = 0; frame < frames; frame++) {
    for (let li = 0; li < LAYER_COUNT; li++) {
      const [r, c] = orientation === 'frame-major' ? [frame, li] : [li, frame];
      const raw = read(header.fortranOrder ? c * rows + r : r * cols + c);
      if (raw < 0 || raw >= CODEBOOK_SIZE) {
        const value = typeof raw === 'bigint' ? safeNumber(raw) : raw;
        throw invalidCodes(at, `frame ${frame} (0-based), layer ${li + 1}: token ${raw} is outside 0..${CODEBOOK_SIZE - 1}`, {
          frame, layer: li + 1, value,
        });
      }
      tokens[frame * LAYER_COUNT + li] = Number(raw);
    }
  }
  return codeMatrix(tokens);
}

/** A bigint as a number when exact, else as its decimal string (details must stay JSON-serialisable). */
function safeNumber(value: bigint): number | string {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}
