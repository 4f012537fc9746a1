import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenAt } from '../../../../src/domain/code-matrix.js';
import { ErrorCode } from '../../../../src/errors.js';
import { jsonlLineLocation } from '../../../../src/ingest/codes/code-location.js';
import { validateRows } from '../../../../src/ingest/codes/validate-rows.js';
import { expectError, sampleRows, thrownBy, transpose } from './code-fixtures.js';

const at = jsonlLineLocation('mix.jsonl', 7);
const field = 'audio_codes';

/** Rows with one value replaced. */
function withValue(frame: number, layer: number, value: unknown): unknown[][] {
  const rows: unknown[][] = sampleRows(20);
  rows[frame]![layer - 1] = value;
  return rows;
}

describe('validateRows', () => {
  it('builds a frame-major matrix from N rows of 16 tokens', () => {
    const rows = sampleRows(5);
    const matrix = validateRows(rows, at, { field });
    assert.equal(matrix.frames, 5);
    assert.equal(tokenAt(matrix, 3, 9), rows[3]![8]);
  });

  it('reads 16 rows of N tokens the same way when told they are layer-major', () => {
    const rows = sampleRows(5);
    assert.deepEqual(validateRows(transpose(rows), at, { orientation: 'layer-major' }), validateRows(rows, at));
  });

  it('accepts the extreme tokens 0 and 2047', () => {
    assert.equal(validateRows([Array(16).fill(0), Array(16).fill(2047)], at).frames, 2);
  });

  describe('misuse', () => {
    it('rejects an empty matrix', () => {
      expectError(thrownBy(() => validateRows([], at, { field })), ErrorCode.INVALID_CODES, 'mix.jsonl line 7', 'audio_codes is empty');
    });

    it('rejects a value that is not an array', () => {
      expectError(thrownBy(() => validateRows('oops', at, { field })), ErrorCode.INVALID_CODES, 'mix.jsonl line 7', '"oops"');
    });

    for (const width of [15, 17]) {
      it(`rejects frames of ${width} layers, naming the frame and the count`, () => {
        const rows = sampleRows(4).map((row) => (width < 16 ? row.slice(0, width) : [...row, 1]));
        const error = expectError(thrownBy(() => validateRows(rows, at, { field })), ErrorCode.INVALID_CODES,
          'mix.jsonl line 7', 'frame 0 (0-based)', `has ${width} layers`, 'expected 16');
        assert.deepEqual(error.details, { path: 'mix.jsonl', line: 7, frame: 0 });
      });
    }

    it('rejects ragged rows, naming the first bad frame', () => {
      const rows = sampleRows(10);
      rows[6] = rows[6]!.slice(0, 12);
      rows[8] = rows[8]!.slice(0, 3);
      const error = expectError(thrownBy(() => validateRows(rows, at, { field })), ErrorCode.INVALID_CODES,
        'frame 6 (0-based) has 12 layers');
      assert.equal(error.details['frame'], 6);
    });

    it('says a 16×N matrix looks layer-major instead of guessing', () => {
      expectError(thrownBy(() => validateRows(transpose(sampleRows(30)), at, { field })), ErrorCode.INVALID_CODES,
        'frame 0 (0-based) has 30 layers', 'looks layer-major (16×30); the official format is N×16');
    });

    for (const [value, shown] of [[3.5, '3.5'], ['12', '"12"'], [null, 'null'], [[1], '[1]']] as const) {
      it(`rejects the non-integer token ${shown}, naming frame, layer and value`, () => {
        const error = expectError(thrownBy(() => validateRows(withValue(12, 3, value), at, { field })), ErrorCode.INVALID_CODES,
          'mix.jsonl line 7: audio_codes frame 12 (0-based), layer 3', `token ${shown} is not an integer`);
        assert.deepEqual(error.details, { path: 'mix.jsonl', line: 7, frame: 12, layer: 3, value });
      });
    }

    for (const value of [2048, -1]) {
      it(`rejects the out-of-range token ${value}, naming frame, layer and value`, () => {
        const error = expectError(thrownBy(() => validateRows(withValue(12, 3, value), at, { field })), ErrorCode.INVALID_CODES,
          `mix.jsonl line 7: audio_codes frame 12 (0-based), layer 3: token ${value} is outside 0..2047`);
        assert.deepEqual(error.details, { path: 'mix.jsonl', line: 7, frame: 12, layer: 3, value });
      });
    }

    it('reports the first bad value in frame order when there are several', () => {
      const rows = withValue(9, 16, 5000);
      rows[4]![1] = -3;
      expectError(thrownBy(() => validateRows(rows, at)), ErrorCode.INVALID_CODES, 'frame 4 (0-based), layer 2: token -3');
    });

    it('rejects layer-major input without 16 rows or with rows of unequal length', () => {
      expectError(thrownBy(() => validateRows(sampleRows(3), at, { orientation: 'layer-major' })), ErrorCode.INVALID_CODES,
        'has 3 layer rows, expected 16');
      const rows = transpose(sampleRows(8));
      rows[5] = rows[5]!.slice(1);
      expectError(thrownBy(() => validateRows(rows, at, { orientation: 'layer-major' })), ErrorCode.INVALID_CODES,
        'layer 6 has 7 frames where layer 1 has 8');
    });
  });
});
