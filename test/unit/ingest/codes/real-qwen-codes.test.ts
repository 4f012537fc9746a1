import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCodeItemFailure } from '../../../../src/ingest/codes/code-item.js';
import { readCodeFile } from '../../../../src/ingest/codes/read-code-file.js';
import { qwenCodesDir, readQwenCodesLine } from '../../../support/qwen-codes.js';
import { collect, expectItem } from './code-fixtures.js';

const FILES = ['qinche_train_with_codes.jsonl', 'smvad_train_with_codes.jsonl', 'windows_train_with_codes.jsonl'];
const dir = qwenCodesDir();
const skip = dir === undefined ? 'qwen-codes not found under the shared folder (set TOKENSCOPE_SHARED)' : false;

describe('real Qwen3-TTS-Tokenizer-12Hz JSONL (../shared/qwen-codes)', () => {
  it('parses all three files into 483 items and 11,499 frames with no failures', { skip }, async () => {
    let items = 0;
    let frames = 0;
    const failures: string[] = [];
    const hashes = new Set<string>();
    for (const name of FILES) {
      for await (const result of readCodeFile(join(dir!, name))) {
        if (isCodeItemFailure(result)) {
          failures.push(result.error.message);
          continue;
        }
        items++;
        frames += result.matrix.frames;
        hashes.add(result.contentSha256);
        for (const key of ['audio', 'text', 'ref_audio']) assert.equal(typeof result.metadata[key], 'string', key);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(items, 483);
    assert.equal(frames, 11_499);
    assert.equal(hashes.size, 483, 'every line holds a distinct matrix');
  });

  it('agrees token for token with a plain JSON.parse reading of sample lines', { skip }, async () => {
    const results = await collect(readCodeFile(join(dir!, FILES[0]!)));
    for (const line of [1, 2, 240, 481]) {
      assert.deepEqual(expectItem(results[line - 1]).matrix, readQwenCodesLine(dir!, FILES[0]!, line), `line ${line}`);
    }
  });
});
