import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { isCodeItemFailure } from '../../../../src/ingest/codes/code-item.js';
import { parseOfficialJsonl, parseOfficialJsonlLine } from '../../../../src/ingest/codes/parse-official-jsonl.js';
import { collect, expectError, expectFailure, expectItem, fileIn, sampleMatrix, sampleRows, tmpDir, transpose } from './code-fixtures.js';

/** One official fine-tuning record as a JSONL line. */
function line(frames: number, seed = 0, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ audio: `a${seed}.wav`, text: `text ${seed}`, ref_audio: 'ref.wav', audio_codes: sampleRows(frames, seed), ...extra });
}

describe('parseOfficialJsonl', () => {
  it('yields one item per line with the matrix, its line number and the string fields as metadata', async () => {
    const path = await fileIn(await tmpDir(), 'mix.jsonl', `${line(3, 1)}\n${line(5, 2)}\n`);
    const [first, second, ...rest] = await collect(parseOfficialJsonl(path));
    assert.equal(rest.length, 0);
    const item = expectItem(second);
    assert.deepEqual(item.source, { path, line: 2 });
    assert.deepEqual(item.matrix, sampleMatrix(5, 2));
    assert.deepEqual(item.metadata, { audio: 'a2.wav', text: 'text 2', ref_audio: 'ref.wav' });
    assert.match(item.contentSha256, /^[0-9a-f]{64}$/);
    assert.equal(expectItem(first).matrix.frames, 3);
  });

  it('skips blank lines but keeps counting them, and accepts CRLF endings and a BOM', async () => {
    const path = await fileIn(await tmpDir(), 'crlf.jsonl', `\ufeff${line(2)}\r\n\r\n   \r\n${line(4)}\r\n`);
    const results = await collect(parseOfficialJsonl(path));
    assert.deepEqual(results.map((r) => expectItem(r).source.line), [1, 4]);
  });

  it('reads a 16-frame matrix as the official N×16', () => {
    assert.equal(expectItem(parseOfficialJsonlLine(line(16), 'x.jsonl', 1)).matrix.frames, 16);
  });

  it('ignores non-string fields in the metadata', () => {
    const item = expectItem(parseOfficialJsonlLine(line(2, 0, { duration: 1.5, speaker: 'ana' }), 'x.jsonl', 1));
    assert.equal(item.metadata['speaker'], 'ana');
    assert.equal('duration' in item.metadata, false);
  });

  it('goes on after one bad line in the middle', async () => {
    const lines = [line(3, 1), line(3, 2), '{"audio": "x.wav", "audio_codes": [[1, 2', line(3, 4), line(3, 5)];
    const path = await fileIn(await tmpDir(), 'mix.jsonl', lines.join('\n'));
    const results = await collect(parseOfficialJsonl(path));
    assert.equal(results.length, 5);
    assert.deepEqual(results.map(isCodeItemFailure), [false, false, true, false, false]);
    assert.deepEqual(expectItem(results[4]).matrix, sampleMatrix(3, 5));
  });

  it('stops reading early without leaking when the consumer breaks out', async () => {
    const path = await fileIn(await tmpDir(), 'many.jsonl', Array.from({ length: 50 }, (_, i) => line(2, i)).join('\n'));
    for await (const result of parseOfficialJsonl(path)) {
      expectItem(result);
      break;
    }
  });

  describe('misuse', () => {
    it('reports a truncated line with the file, line and JSON problem', async () => {
      const path = await fileIn(await tmpDir(), 'cut.jsonl', `${line(2)}\n${line(2).slice(0, 60)}\n`);
      const [, bad] = await collect(parseOfficialJsonl(path));
      const error = expectFailure(bad, ErrorCode.INVALID_CODES, `${path} line 2: invalid JSON (`, 'truncated');
      assert.deepEqual(bad?.source, { path, line: 2 });
      assert.equal(error.details['line'], 2);
    });

    it('reports a line without audio_codes', () => {
      expectFailure(parseOfficialJsonlLine('{"audio": "a.wav", "text": "hi"}', 'mix.jsonl', 3), ErrorCode.INVALID_CODES,
        'mix.jsonl line 3: has no audio_codes field (found: audio, text)');
    });

    it('reports a line that is JSON but not an object', () => {
      expectFailure(parseOfficialJsonlLine('[[1, 2]]', 'mix.jsonl', 4), ErrorCode.INVALID_CODES,
        'mix.jsonl line 4: expected a JSON object with audio_codes');
    });

    it('reports a bad token with line, frame, layer and value', () => {
      const rows = sampleRows(20);
      rows[12]![2] = 2048;
      expectFailure(parseOfficialJsonlLine(JSON.stringify({ audio_codes: rows }), 'mix.jsonl', 7), ErrorCode.INVALID_CODES,
        'mix.jsonl line 7: audio_codes frame 12 (0-based), layer 3: token 2048 is outside 0..2047');
    });

    it('reports a layer-major (16×N) line rather than transposing it', () => {
      expectFailure(parseOfficialJsonlLine(JSON.stringify({ audio_codes: transpose(sampleRows(40)) }), 'mix.jsonl', 1),
        ErrorCode.INVALID_CODES, 'looks layer-major (16×40); the official format is N×16');
    });

    it('throws UNREADABLE_FILE naming the path when the file does not exist', async () => {
      const path = '/nonexistent/dir/codes.jsonl';
      await assert.rejects(collect(parseOfficialJsonl(path)), (error) => !!expectError(error, ErrorCode.UNREADABLE_FILE, path));
    });

    it('throws UNREADABLE_FILE for a directory', async () => {
      const dir = await tmpDir();
      await assert.rejects(collect(parseOfficialJsonl(dir)), (error) => !!expectError(error, ErrorCode.UNREADABLE_FILE, dir));
    });
  });
});
