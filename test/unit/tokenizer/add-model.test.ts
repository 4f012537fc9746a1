import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixtureCodes } from '../../../scripts/fixtures/make-fixture-models.js';
import { ErrorCode } from '../../../src/errors.js';
import { addModel } from '../../../src/tokenizer/add-model.js';
import { listModels, loadModel } from '../../../src/tokenizer/model-registry.js';
import { openTokenizer } from '../../../src/tokenizer/open-tokenizer.js';
import { verifyModel } from '../../../src/tokenizer/verify-model.js';
import { assertRejectsCode } from '../../support/errors.js';
import { fixturePath, testSignal } from './fixture-signal.js';

describe('models add, list and verify', () => {
  let modelsDir: string;
  before(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-models-'));
  });
  after(async () => rm(modelsDir, { recursive: true, force: true }));

  it('registers each layout with its sha256, and verify re-checks it and encodes 1 s of silence', async () => {
    for (const [file, layout] of [['fixture-masked-values', 'masked-values'], ['fixture-channel-waveform', 'channel-waveform'], ['fixture-plain-audio', 'plain-audio']] as const) {
      const { manifest } = await addModel(fixturePath(file, 'model.onnx'), { modelsDir, id: `added-${layout}`, family: 'tokenscope-fixture' });
      assert.equal(manifest.layout, layout);
      assert.equal(manifest.sha256, JSON.parse(await readFile(fixturePath(file, 'manifest.json'), 'utf8')).sha256);
      assert.equal(manifest.onnx, fixturePath(file, 'model.onnx'));
      const v = await verifyModel(modelsDir, `added-${layout}`, { device: 'cpu' });
      assert.equal(v.frames, 13);
      assert.equal(v.model.layout, layout);
    }
    assert.deepEqual((await listModels(modelsDir)).map((e) => e.id), ['added-channel-waveform', 'added-masked-values', 'added-plain-audio']);
  });

  it('copies the ONNX file into the model folder with --copy and records it relatively', async () => {
    const { dir, manifest } = await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'copied', copy: true, licence: 'MIT', provenance: 'fixture' });
    assert.equal(manifest.onnx, 'model.onnx');
    assert.deepEqual(await readFile(join(dir, 'model.onnx')), await readFile(fixturePath('fixture-plain-audio', 'model.onnx')));
    assert.equal((await verifyModel(modelsDir, 'copied', { device: 'cpu' })).model.sha256, manifest.sha256);
  });

  it('encodes exactly with a contextual manifest and chunk overlap (frames at chunk edges come from the right place)', async () => {
    const loaded = await addModel(fixturePath('fixture-channel-waveform', 'model.onnx'), { modelsDir, id: 'overlapping', contextual: true, chunkOverlapFrames: 3 });
    const x = testSignal(1920 * 40 + 11, 5);
    for (const chunkFrames of [1, 4, 41]) {
      const t = await openTokenizer(loaded, { device: 'cpu', chunkFrames });
      try {
        assert.equal(t.model.chunkOverlapFrames, 3);
        assert.deepEqual((await t.encode(x)).tokens, fixtureCodes(x), `chunkFrames ${chunkFrames}`);
      } finally {
        await t.close();
      }
    }
  });

  describe('refusals', () => {
    it('refuses a model with 8 output layers, naming the shape it found', async () => {
      await assertRejectsCode(addModel(fixturePath('bad', 'eight-layers.onnx'), { modelsDir }), ErrorCode.INVALID_MODEL, /eight-layers\.onnx fits no supported encoder layout\. Found inputs: audio float32 \[1, samples\]; outputs: codes int64 \[1, frames, 8\]\. .*plain-audio: codes output codes int64 \[1, frames, 8\] has 8 layers on axis 2; expected 16/);
    });
    it('refuses float codes, naming the type it found', async () => {
      await assertRejectsCode(addModel(fixturePath('bad', 'float-codes.onnx'), { modelsDir }), ErrorCode.INVALID_MODEL, /plain-audio: codes output codes float32 \[1, frames, 16\] holds float32; expected int64 tokens/);
    });
    it('refuses a codes rank the loader does not know, naming the rank', async () => {
      await assertRejectsCode(addModel(fixturePath('bad', 'rank-four.onnx'), { modelsDir }), ErrorCode.INVALID_MODEL, /codes output codes int64 \[1, 1, frames, 16\] has rank 4; expected rank 3/);
    });
    it('refuses 8 layers that only a run reveals, naming the shape the run returned', async () => {
      await assertRejectsCode(addModel(fixturePath('bad', 'undeclared-eight-layers.onnx'), { modelsDir }), ErrorCode.INVALID_MODEL, /output codes has shape \[1, 13, 8\]: 8 layers on axis 2; expected 16/);
    });
    it('leaves no model folder behind after a refusal', async () => {
      assert.ok(!(await listModels(modelsDir)).some((e) => ['eight-layers', 'float-codes', 'rank-four', 'undeclared-eight-layers'].includes(e.id)));
    });
    it('refuses an id that exists', async () => {
      await assertRejectsCode(addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'copied' }), ErrorCode.ALREADY_EXISTS, /model 'copied' already exists/);
    });
    it('refuses a bad id, a missing file and an overlap on a frame-local model', async () => {
      await assertRejectsCode(addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: '../up' }), ErrorCode.INVALID_ARGUMENT, /id: expected .* got "\.\.\/up"/);
      await assertRejectsCode(addModel(join(modelsDir, 'none.onnx'), { modelsDir }), ErrorCode.NOT_FOUND, /no ONNX file at .*none\.onnx/);
      await assertRejectsCode(addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'x', chunkOverlapFrames: 2 }), ErrorCode.INVALID_ARGUMENT, /chunkOverlapFrames: expected an integer ≥ 0 \(frames\), and 0 unless the model is contextual, got 2/);
    });
    it('refuses a file that is not ONNX', async () => {
      const path = join(modelsDir, 'junk.onnx');
      await writeFile(path, 'not a model');
      await assertRejectsCode(addModel(path, { modelsDir }), ErrorCode.INVALID_MODEL, /onnxruntime cannot load .*junk\.onnx/);
    });
    it('reports an unknown model id as not found, listing the registered ids', async () => {
      await assertRejectsCode(loadModel(modelsDir, 'nope'), ErrorCode.NOT_FOUND, /no model 'nope' in .* \(registered: added-channel-waveform, added-masked-values, added-plain-audio, copied, overlapping\)/);
    });
    it('refuses a model whose ONNX file changed since it was added', async () => {
      const { dir } = await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'tampered', copy: true });
      await copyFile(fixturePath('fixture-channel-waveform', 'model.onnx'), join(dir, 'model.onnx'));
      await assertRejectsCode(verifyModel(modelsDir, 'tampered', { device: 'cpu' }), ErrorCode.INVALID_MODEL, /model tampered: .*model\.onnx has sha256 [0-9a-f]{64}, but the manifest records [0-9a-f]{64}; the file changed since it was added/);
    });
    it('refuses at encode a token out of range, naming value, frame and layer', async () => {
      await addModel(fixturePath('bad', 'token-overflow.onnx'), { modelsDir, id: 'overflow' }); // silence gives token 1: it registers
      const t = await openTokenizer(await loadModel(modelsDir, 'overflow'), { device: 'cpu', chunkFrames: 2 });
      try {
        const x = new Float32Array(1920 * 5);
        x[1920 * 3 + 120 * 6 + 17] = 1; // frame 3, layer 7: floor(1 × 2047) + 1 = 2048
        await assertRejectsCode(t.encode(x), ErrorCode.INVALID_MODEL, /model overflow: output codes holds token 2048 at frame 3, layer 7; tokens must be 0\.\.2047/);
      } finally {
        await t.close();
      }
    });
  });
});
