import { writeFile } from 'node:fs/promises';
import { LAYER_COUNT } from '../../domain/contract.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { NPY_MAGIC } from './npy-header.js';
import type { Orientation } from './orientation.js';

/** Integer dtypes the writer produces. */
export type NpyWriteDtype = 'int16' | 'int32' | 'int64' | 'uint16';

/** How to lay a matrix out in a .npy file. */
export interface NpyWriteOptions {
  /** Element type (default 'int16', which numpy loads without surprises and holds 0..2047). */
  readonly dtype?: NpyWriteDtype;
  /** 'C' (row-major, default) or 'F' (column-major, fortran_order: True). */
  readonly order?: 'C' | 'F';
  /** 'frame-major' (default): shape [N, 16]; 'layer-major': shape [16, N]. */
  readonly orientation?: Orientation;
  /** Byte order of the elements (default 'little'). */
  readonly byteOrder?: 'little' | 'big';
}

const DTYPES: Readonly<Record<NpyWriteDtype, { kind: string; bytes: number }>> = {
  int16: { kind: 'i', bytes: 2 },
  int32: { kind: 'i', bytes: 4 },
  int64: { kind: 'i', bytes: 8 },
  uint16: { kind: 'u', bytes: 2 },
};

/**
 * A .npy header for any descr and shape, padded so the data starts on a 64-byte boundary as numpy
 * does; version 1 unless asked (tests use 2 and 3 and odd dtypes to exercise the reader).
 */
export function npyHeader(descr: string, fortranOrder: boolean, shape: readonly number[], version: 1 | 2 | 3 = 1): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const lengthBytes = version === 1 ? 2 : 4;
  const unpadded = 8 + lengthBytes + Buffer.byteLength(dict, 'utf8') + 1;
  const text = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const body = Buffer.from(text, 'utf8');
  const out = new Uint8Array(8 + lengthBytes + body.length);
  out.set(NPY_MAGIC, 0);
  out.set([version, 0], 6);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, body.length, true);
  else view.setUint32(8, body.length, true);
  out.set(body, 8 + lengthBytes);
  return out;
}

/** Encodes a matrix as a complete .npy file. */
export function encodeNpy(matrix: CodeMatrix, options: NpyWriteOptions = {}): Uint8Array {
  const { dtype = 'int16', order = 'C', orientation = 'frame-major', byteOrder = 'little' } = options;
  const { kind, bytes } = DTYPES[dtype];
  const shape = orientation === 'frame-major' ? [matrix.frames, LAYER_COUNT] : [LAYER_COUNT, matrix.frames];
  const [rows, cols] = shape as [number, number];
  const header = npyHeader(`${byteOrder === 'little' ? '<' : '>'}${kind}${bytes}`, order === 'F', shape);
  const out = new Uint8Array(header.length + rows * cols * bytes);
  out.set(header, 0);
  const view = new DataView(out.buffer, header.length);
  const le = byteOrder === 'little';
  for (let frame = 0; frame < matrix.frames; frame++) {
    for (let li = 0; li < LAYER_COUNT; li++) {
      const [r, c] = orientation === 'frame-major' ? [frame, li] : [li, frame];
      const at = (order === 'C' ? r * cols + c : c * rows + r) * bytes;
      const token = matrix.tokens[frame * LAYER_COUNT + li]!;
      if (bytes === 2) view.setUint16(at, token, le);
      else if (bytes === 4) view.setInt32(at, token, le);
      else view.setBigInt64(at, BigInt(token), le);
    }
  }
  return out;
}

/** Writes a matrix to `path` as .npy. */
export async function writeNpy(path: string, matrix: CodeMatrix, options: NpyWriteOptions = {}): Promise<void> {
  await writeFile(path, encodeNpy(matrix, options));
}
