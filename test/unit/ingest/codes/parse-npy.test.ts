import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { encodeNpy, npyHeader } from '../../../../src/ingest/codes/npy-writer.js';
import type { NpyWriteOptions } from '../../../../src/ingest/codes/npy-writer.js';
import { parseNpy, parseNpyFile } from '../../../../src/ingest/codes/parse-npy.js';
import { collect, expectError, expectFailure, expectItem, fileIn, sampleMatrix, thrownBy, tmpDir } from './code-fixtures.js';

/** A .npy file from a header and raw element bytes. */
function rawNpy(descr: string, shape: number[], data: Uint8Array, fortran = false, version: 1 | 2 | 3 = 1): Uint8Array {
  return Buffer.concat([npyHeader(descr, fortran, shape, version), data]);
}

/** Little-endian int16 bytes of the given values. */
function int16Bytes(values: number[]): Uint8Array {
  const out = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => out.writeInt16LE(v, i * 2));
  return out;
}

const matrix = sampleMatrix(37);

describe('parseNpy', () => {
  const layouts: NpyWriteOptions[] = [
    {},
    { dtype: 'uint16' },
    { dtype: 'int32' },
    { dtype: 'int64' },
    { dtype: 'int64', byteOrder: 'big' },
    { dtype: 'int16', byteOrder: 'big' },
    { order: 'F' },
    { dtype: 'int64', order: 'F', byteOrder: 'big' },
    { orientation: 'layer-major' },
    { orientation: 'layer-major', order: 'F', dtype: 'int32' },
  ];
  for (const options of layouts) {
    it(`round-trips a matrix written as ${JSON.stringify(options)}`, () => {
      assert.deepEqual(parseNpy(encodeNpy(matrix, options), 'codes.npy'), matrix);
    });
  }

  it('reads 1-byte dtypes and .npy versions 2.0 and 3.0', () => {
    const values = Array.from({ length: 32 }, (_, i) => i * 3);
    for (const descr of ['|u1', '|i1']) {
      for (const version of [1, 2, 3] as const) {
        const parsed = parseNpy(rawNpy(descr, [2, 16], Uint8Array.from(values), false, version), 'small.npy');
        assert.deepEqual(Array.from(parsed.tokens), values);
      }
    }
  });

  it('reads a 16×16 array in the orientation it is told', () => {
    const square = sampleMatrix(16);
    const bytes = encodeNpy(square, { orientation: 'layer-major' });
    assert.deepEqual(parseNpy(bytes, 'sq.npy', { orientation: 'layer-major' }), square);
    assert.notDeepEqual(parseNpy(bytes, 'sq.npy', { orientation: 'frame-major' }), square);
  });

  it('yields one item for a file, with the path as source', async () => {
    const path = await fileIn(await tmpDir(), 'one.npy', encodeNpy(matrix, { dtype: 'int64' }));
    const [result, ...rest] = await collect(parseNpyFile(path));
    assert.equal(rest.length, 0);
    const item = expectItem(result);
    assert.deepEqual(item.source, { path });
    assert.deepEqual(item.matrix, matrix);
  });

  describe('misuse', () => {
    const reject = (bytes: Uint8Array, ...fragments: string[]) =>
      expectError(thrownBy(() => parseNpy(bytes, 'bad.npy')), ErrorCode.INVALID_CODES, 'bad.npy: ', ...fragments);

    for (const [descr, name] of [['<f4', 'float'], ['<f8', 'float'], ['|b1', 'bool'], ['|O', 'object'], ['<U3', 'unicode string']]) {
      it(`rejects dtype ${descr}, naming it as ${name}`, () => {
        reject(rawNpy(descr!, [2, 16], new Uint8Array(256)), `dtype '${descr}' (${name})`, 'expected an integer dtype');
      });
    }

    it('rejects a rank-3 array, naming the shape', () => {
      reject(rawNpy('<i2', [2, 3, 16], new Uint8Array(192)), 'shape (2, 3, 16) of rank 3', 'expected rank 2');
    });

    it('rejects a rank-1 array', () => {
      reject(rawNpy('<i2', [16], new Uint8Array(32)), 'shape (16) of rank 1');
    });

    it('rejects a 16×16 array without an orientation, saying it is ambiguous', () => {
      reject(encodeNpy(sampleMatrix(16)), 'shape [16, 16] is ambiguous', "pass orientation 'frame-major' or 'layer-major'");
    });

    it('rejects a shape with no dimension of 16', () => {
      reject(rawNpy('<i2', [4, 15], new Uint8Array(120)), 'shape [4, 15] has no dimension of 16 layers');
    });

    it('rejects an orientation that does not fit the shape', () => {
      expectError(thrownBy(() => parseNpy(encodeNpy(matrix), 'bad.npy', { orientation: 'layer-major' })),
        ErrorCode.INVALID_CODES, 'shape [37, 16] is not layer-major');
    });

    it('rejects a file shorter than its shape needs', () => {
      const bytes = encodeNpy(matrix, { dtype: 'int32' });
      reject(bytes.subarray(0, bytes.length - 6), 'is truncated', 'needs 2368 data bytes, found 2362');
    });

    it('rejects trailing bytes after the data', () => {
      reject(Buffer.concat([encodeNpy(matrix), new Uint8Array(2)]), 'has trailing bytes');
    });

    it('rejects an array with no frames', () => {
      reject(rawNpy('<i2', [0, 16], new Uint8Array(0)), 'needs at least one frame');
    });

    it('rejects a file without the .npy magic', () => {
      reject(Buffer.from('{"audio_codes": []}'), 'is not a .npy file');
    });

    for (const value of [2048, -1]) {
      it(`rejects token ${value}, naming frame, layer and value`, () => {
        const values = Array.from({ length: 48 }, () => 5);
        values[1 * 16 + 9] = value;
        const error = reject(rawNpy('<i2', [3, 16], int16Bytes(values)), `frame 1 (0-based), layer 10: token ${value} is outside 0..2047`);
        assert.deepEqual(error.details, { path: 'bad.npy', frame: 1, layer: 10, value });
      });
    }

    it('names frame and layer in the matrix orientation for a bad token in layer-major Fortran data', () => {
      // Shape [16, 3] in Fortran order stores (layer l, frame f) at f·16 + l: put 4000 at frame 2, layer 5.
      const values = Array.from({ length: 48 }, () => 5);
      values[2 * 16 + 4] = 4000;
      reject(rawNpy('<i2', [16, 3], int16Bytes(values), true), 'frame 2 (0-based), layer 5: token 4000');
    });

    it('rejects an int64 token beyond 2^53 and keeps its exact value', () => {
      const data = Buffer.alloc(16 * 8);
      data.writeBigInt64LE(2n ** 60n + 1n, 3 * 8);
      const error = reject(rawNpy('<i8', [1, 16], data), 'layer 4: token 1152921504606846977 is outside');
      assert.equal(error.details['value'], '1152921504606846977');
    });

    it('yields a failure, not an exception, for a bad file', async () => {
      const path = await fileIn(await tmpDir(), 'float.npy', rawNpy('<f4', [2, 16], new Uint8Array(128)));
      const [result] = await collect(parseNpyFile(path));
      expectFailure(result, ErrorCode.INVALID_CODES, path, "dtype '<f4' (float)");
    });
  });
});
