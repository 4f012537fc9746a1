import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { isCodeItemFailure } from '../../../../src/ingest/codes/code-item.js';
import { parseJsonArrayFile, parseJsonCodes } from '../../../../src/ingest/codes/parse-json-array.js';
import { collect, expectFailure, expectItem, fileIn, sampleMatrix, sampleRows, tmpDir, transpose } from './code-fixtures.js';

const rows = sampleRows(9);
const matrix = sampleMatrix(9);

describe('parseJsonCodes', () => {
  it('reads a bare N×16 array as one item for the whole file', () => {
    const [result, ...rest] = [...parseJsonCodes(JSON.stringify(rows), 'codes.json')];
    assert.equal(rest.length, 0);
    const item = expectItem(result);
    assert.deepEqual(item.source, { path: 'codes.json' });
    assert.deepEqual(item.matrix, matrix);
    assert.deepEqual(item.metadata, {});
  });

  it('transposes a bare 16×N array', () => {
    assert.deepEqual(expectItem([...parseJsonCodes(JSON.stringify(transpose(rows)), 'codes.json')][0]).matrix, matrix);
  });

  it('reads one object with audio_codes and keeps its string fields', () => {
    const item = expectItem([...parseJsonCodes(JSON.stringify({ audio: 'a.wav', text: 'hi', n: 3, audio_codes: rows }), 'one.json')][0]);
    assert.deepEqual(item.matrix, matrix);
    assert.deepEqual(item.metadata, { audio: 'a.wav', text: 'hi' });
  });

  it('reads a list of objects as items numbered by their 0-based index, going on past a bad one', () => {
    const list = [{ audio_codes: rows }, { audio_codes: [] }, { audio: 'c.wav', audio_codes: sampleRows(3, 1) }];
    const results = [...parseJsonCodes(JSON.stringify(list), 'list.json')];
    assert.deepEqual(results.map((r) => r.source.line), [0, 1, 2]);
    assert.deepEqual(results.map(isCodeItemFailure), [false, true, false]);
    expectFailure(results[1], ErrorCode.INVALID_CODES, 'list.json element 1 (0-based): audio_codes is empty');
    assert.deepEqual(expectItem(results[2]).matrix, sampleMatrix(3, 1));
  });

  it('reads a 16×16 audio_codes field as the official N×16, and a bare 16×16 array when told how', () => {
    const square = sampleRows(16);
    assert.deepEqual(expectItem([...parseJsonCodes(JSON.stringify({ audio_codes: square }), 'o.json')][0]).matrix, sampleMatrix(16));
    const told = [...parseJsonCodes(JSON.stringify(transpose(square)), 'sq.json', { orientation: 'layer-major' })];
    assert.deepEqual(expectItem(told[0]).matrix, sampleMatrix(16));
  });

  it('reads the file from disk', async () => {
    const path = await fileIn(await tmpDir(), 'codes.json', JSON.stringify(rows));
    assert.deepEqual(expectItem((await collect(parseJsonArrayFile(path)))[0]).matrix, matrix);
  });

  describe('misuse', () => {
    it('rejects a bare 16×16 array without an orientation', () => {
      expectFailure([...parseJsonCodes(JSON.stringify(sampleRows(16)), 'sq.json')][0], ErrorCode.INVALID_CODES,
        'sq.json: shape [16, 16] is ambiguous');
    });

    it('rejects invalid JSON, naming the file and the problem', () => {
      expectFailure([...parseJsonCodes('[[1, 2', 'cut.json')][0], ErrorCode.INVALID_CODES, 'cut.json: invalid JSON (');
    });

    it('rejects an empty array', () => {
      expectFailure([...parseJsonCodes('[]', 'e.json')][0], ErrorCode.INVALID_CODES, 'e.json: is empty');
    });

    it('rejects a list element that is not an object', () => {
      expectFailure([...parseJsonCodes('[{"audio_codes": [[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}, 7]', 'l.json')][1],
        ErrorCode.INVALID_CODES, 'l.json element 1 (0-based): expected an object with audio_codes or an N×16 array, found 7');
    });

    it('rejects a bad token naming element, frame, layer and value', () => {
      const bad = sampleRows(4);
      bad[2]![15] = 3.5;
      const error = expectFailure([...parseJsonCodes(JSON.stringify([{ audio_codes: bad }]), 'l.json')][0], ErrorCode.INVALID_CODES,
        'l.json element 0 (0-based): audio_codes frame 2 (0-based), layer 16: token 3.5 is not an integer');
      assert.deepEqual(error.details, { path: 'l.json', line: 0, frame: 2, layer: 16, value: 3.5 });
    });

    it('rejects rows of 15 layers in a bare array', () => {
      expectFailure([...parseJsonCodes(JSON.stringify(rows.map((r) => r.slice(1))), 'n.json')][0], ErrorCode.INVALID_CODES,
        'n.json: frame 0 (0-based) has 15 layers, expected 16');
    });
  });
});
