import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode, TokenscopeError } from '../../../src/errors.js';
import { readManifest } from '../../../src/tokenizer/model-manifest.js';
import { openTokenizer } from '../../../src/tokenizer/open-tokenizer.js';
import type { LoadedModel } from '../../../src/tokenizer/open-tokenizer.js';
import type { Tokenizer } from '../../../src/tokenizer/tokenizer.js';
import { openTokenizerInWorker } from '../../../src/tokenizer/worker-tokenizer.js';
import { assertRejectsCode } from '../../support/errors.js';
import { FIXTURE_IDS, fixturePath, testSignal } from './fixture-signal.js';

const load = async (id: string): Promise<LoadedModel> => ({ dir: fixturePath(id), manifest: await readManifest(fixturePath(id)) });

describe('openTokenizerInWorker', () => {
  for (const id of FIXTURE_IDS) {
    it(`gives the same codes and model info as the in-process tokenizer on ${id}, for encodes sent together`, async () => {
      const model = await load(id);
      const [here, there] = await Promise.all([openTokenizer(model, { device: 'cpu', chunkFrames: 40 }), openTokenizerInWorker(model, { device: 'cpu', chunkFrames: 40 })]);
      try {
        assert.deepEqual(there.model, here.model);
        const inputs = [testSignal(1920 * 97 + 5, 1), testSignal(1, 2), testSignal(1920 * 3, 3)];
        const expected = await Promise.all(inputs.map((x) => here.encode(x)));
        const got = await Promise.all(inputs.map((x) => there.encode(x)));
        got.forEach((m, i) => {
          assert.equal(m.frames, expected[i]!.frames);
          assert.deepEqual(m.tokens, expected[i]!.tokens, `input ${i}`);
        });
        assert.equal(inputs[0]![0], testSignal(1, 1)[0], 'the caller keeps its samples (they are copied, not moved)');
      } finally {
        await Promise.all([here.close(), there.close()]);
      }
    });
  }

  describe('misuse', () => {
    let t: Tokenizer;
    before(async () => {
      t = await openTokenizerInWorker(await load('fixture-plain-audio'), { device: 'cpu' });
    });
    after(() => t.close());

    it('brings an encode error back with its code and message', async () => {
      const error = await t.encode(new Float32Array([0, Number.NaN])).then(() => null, (e: unknown) => e);
      assert.ok(error instanceof TokenscopeError);
      assert.equal(error.code, ErrorCode.INVALID_ARGUMENT);
      assert.match(error.message, /samples: expected finite values, got NaN at sample 1/);
      assert.equal((await t.encode(testSignal(1920))).frames, 1, 'and keeps working');
    });

    it('refuses to open a model the in-process tokenizer refuses, with the same code', async () => {
      const manifest = { ...(await readManifest(fixturePath('fixture-plain-audio'))), sha256: '0'.repeat(64) };
      await assertRejectsCode(openTokenizerInWorker({ dir: fixturePath('fixture-plain-audio'), manifest }, { device: 'cpu' }), ErrorCode.INVALID_MODEL, /the manifest records 0{64}; the file changed since it was added/);
      await assertRejectsCode(openTokenizerInWorker(await load('fixture-plain-audio'), { chunkFrames: 0 }), ErrorCode.INVALID_ARGUMENT, /chunkFrames: expected an integer ≥ 1/);
    });

    it('finishes encodes sent before close, then refuses new ones', async () => {
      const other = await openTokenizerInWorker(await load('fixture-plain-audio'), { device: 'cpu' });
      const pending = other.encode(testSignal(1920 * 50));
      const closed = other.close();
      assert.equal((await pending).frames, 50);
      await closed;
      await assertRejectsCode(other.encode(testSignal(10)), ErrorCode.INVALID_ARGUMENT, /tokenizer for model fixture-plain-audio is closed; open a new one/);
      await other.close(); // idempotent
    });
  });
});
