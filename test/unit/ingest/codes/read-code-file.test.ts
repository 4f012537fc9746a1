import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { encodeNpy } from '../../../../src/ingest/codes/npy-writer.js';
import { readCodeFile } from '../../../../src/ingest/codes/read-code-file.js';
import { collect, expectError, expectItem, fileIn, sampleMatrix, sampleRows, thrownBy, tmpDir, transpose } from './code-fixtures.js';

describe('readCodeFile', () => {
  it('gives the same matrix and hash for one matrix stored as JSONL, .npy (several layouts) and JSON', async () => {
    const dir = await tmpDir();
    const rows = sampleRows(25, 3);
    const paths = [
      await fileIn(dir, 'a.jsonl', `${JSON.stringify({ audio: 'a.wav', audio_codes: rows })}\n`),
      await fileIn(dir, 'b.npy', encodeNpy(sampleMatrix(25, 3))),
      await fileIn(dir, 'c.NPY', encodeNpy(sampleMatrix(25, 3), { dtype: 'int64', byteOrder: 'big', order: 'F' })),
      await fileIn(dir, 'd.npy', encodeNpy(sampleMatrix(25, 3), { orientation: 'layer-major', dtype: 'uint16' })),
      await fileIn(dir, 'e.json', JSON.stringify(rows)),
      await fileIn(dir, 'f.json', JSON.stringify(transpose(rows))),
      await fileIn(dir, 'g.json', JSON.stringify([{ text: 'x', audio_codes: rows }])),
    ];
    const hashes = new Set<string>();
    for (const path of paths) {
      const results = await collect(readCodeFile(path));
      assert.equal(results.length, 1, path);
      const item = expectItem(results[0]);
      assert.deepEqual(item.matrix, sampleMatrix(25, 3), path);
      hashes.add(item.contentSha256);
    }
    assert.equal(hashes.size, 1);
  });

  it('passes the orientation option to the .npy parser', async () => {
    const path = await fileIn(await tmpDir(), 'sq.npy', encodeNpy(sampleMatrix(16), { orientation: 'layer-major' }));
    const [result] = await collect(readCodeFile(path, { orientation: 'layer-major' }));
    assert.deepEqual(expectItem(result).matrix, sampleMatrix(16));
  });

  describe('misuse', () => {
    it('refuses an unsupported extension at once, naming it and the supported ones', () => {
      const error = expectError(thrownBy(() => readCodeFile('codes.csv')), ErrorCode.INVALID_CODES,
        "codes.csv: unsupported code file extension '.csv'", '.jsonl, .npy, .json');
      assert.equal(error.details['extension'], '.csv');
      expectError(thrownBy(() => readCodeFile('codes')), ErrorCode.INVALID_CODES, "'(none)'");
    });

    for (const name of ['missing.jsonl', 'missing.npy', 'missing.json']) {
      it(`throws UNREADABLE_FILE naming the path for a missing ${name}`, async () => {
        const path = join(await tmpDir(), name);
        await assert.rejects(collect(readCodeFile(path)), (error) => {
          const e = expectError(error, ErrorCode.UNREADABLE_FILE, `cannot read ${path}`);
          return e.details['reason'] === 'ENOENT';
        });
      });
    }
  });
});
