import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fixtureFiles } from '../../../scripts/fixtures/make-fixture-models.js';
import { fixturePath } from './fixture-signal.js';

describe('fixture models', () => {
  it('are what scripts/fixtures/make-fixture-models.ts generates, byte for byte, and a few hundred bytes each', async () => {
    const files = fixtureFiles();
    assert.deepEqual(fixtureFiles(), files, 'generation is deterministic');
    for (const f of files) {
      assert.deepEqual(new Uint8Array(await readFile(fixturePath(f.path))), f.bytes, `${f.path} is stale: rerun the script`);
      assert.ok(f.bytes.length < 4096, `${f.path}: ${f.bytes.length} bytes`);
    }
  });
});
