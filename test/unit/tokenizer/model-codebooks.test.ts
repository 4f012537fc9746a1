import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codebooksNpyBytes } from '../../../src/codebooks/codebooks-npy.js';
import { ErrorCode } from '../../../src/errors.js';
import { addModel } from '../../../src/tokenizer/add-model.js';
import { addModelCodebooks, readModelCodebooks } from '../../../src/tokenizer/model-codebooks.js';
import { parseManifest } from '../../../src/tokenizer/model-manifest.js';
import { loadModel } from '../../../src/tokenizer/model-registry.js';
import { assertRejectsCode, assertThrowsCode } from '../../support/errors.js';
import { randomCodebooks } from '../codebooks/codebooks-kit.js';
import { fixturePath } from './fixture-signal.js';

describe('codebooks of a registered model', () => {
  let modelsDir = '';
  before(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-codebooks-'));
    await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'plain' });
  });
  after(() => rm(modelsDir, { recursive: true, force: true }));

  it('answers NOT_FOUND, naming the command that adds them, for a model without codebooks', async () => {
    await assertRejectsCode(readModelCodebooks(await loadModel(modelsDir, 'plain')), ErrorCode.NOT_FOUND,
      /^model 'plain' has no codebooks; add them with `tokenscope models add-codebooks plain <file\.npy\|model\.safetensors>`$/);
  });

  it('add-codebooks copies a .npy into the model folder and names it with its sha256 in the manifest', async () => {
    const cb = randomCodebooks(2);
    const source = join(modelsDir, 'source.npy');
    await writeFile(source, codebooksNpyBytes(16, 2048, 2, cb.vectors));
    const { model } = await addModelCodebooks(modelsDir, 'plain', source);
    assert.deepEqual([model.manifest.codebooks, model.manifest.codebooksSha256], ['codebooks.npy', cb.sha256]);
    const reloaded = await loadModel(modelsDir, 'plain');
    assert.equal(reloaded.manifest.codebooksSha256, cb.sha256);
    const back = await readModelCodebooks(reloaded);
    assert.deepEqual(back.vectors, cb.vectors);
  });

  it('leaves the manifest as it was when the file does not validate', async () => {
    const before = await readFile(join(modelsDir, 'plain', 'manifest.json'), 'utf8');
    const bad = join(modelsDir, 'bad.npy');
    await writeFile(bad, codebooksNpyBytes(8, 2048, 2, new Float32Array(8 * 2048 * 2)));
    await assertRejectsCode(addModelCodebooks(modelsDir, 'plain', bad), ErrorCode.INVALID_MODEL, /bad\.npy: expected codebooks of shape \[16, 2048, D\]/);
    assert.equal(await readFile(join(modelsDir, 'plain', 'manifest.json'), 'utf8'), before);
  });

  it('refuses codebooks whose file no longer matches the manifest sha256', async () => {
    const path = join(modelsDir, 'plain', 'codebooks.npy');
    const bytes = await readFile(path);
    bytes[bytes.length - 1]! ^= 1;
    await writeFile(path, bytes);
    await assertRejectsCode(readModelCodebooks(await loadModel(modelsDir, 'plain')), ErrorCode.INVALID_MODEL, /codebooks\.npy: expected sha256 [0-9a-f]{64} \(manifest field 'codebooksSha256'\); received [0-9a-f]{64}$/);
  });

  it('answers NOT_FOUND for an unknown model', async () => {
    await assertRejectsCode(addModelCodebooks(modelsDir, 'nope', join(modelsDir, 'source.npy')), ErrorCode.NOT_FOUND, /^no model 'nope'/);
  });

  it('a manifest names codebooks only together with their sha256', () => {
    const base = JSON.parse(JSON.stringify({ id: 'x', family: 'f', sampleRate: 24000, hop: 1920, layers: 16, codebookSize: 2048, layout: 'plain-audio', inputs: { waveform: 'audio' }, outputs: { codes: 'codes' }, onnx: 'model.onnx', sha256: 'a'.repeat(64), contextual: false, chunkOverlapFrames: 0, licence: 'l', provenance: 'p' }));
    assertThrowsCode(() => parseManifest({ ...base, codebooks: 'codebooks.npy' }, 'm.json'), ErrorCode.INVALID_MODEL, /fields 'codebooks' and 'codebooksSha256' must be given together/);
    assertThrowsCode(() => parseManifest({ ...base, codebooks: '../x.npy', codebooksSha256: 'b'.repeat(64) }, 'm.json'), ErrorCode.INVALID_MODEL, /field 'codebooks' must be a \.npy file name inside the model folder/);
    assert.equal(parseManifest({ ...base, codebooks: 'codebooks.npy', codebooksSha256: 'b'.repeat(64) }, 'm.json').codebooks, 'codebooks.npy');
  });
});
