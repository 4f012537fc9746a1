import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codebooksNpyBytes } from '../../../src/codebooks/codebooks-npy.js';
import { ErrorCode } from '../../../src/errors.js';
import { codebooksOfModel } from '../../../src/query/model-codebooks.js';
import { addModel } from '../../../src/tokenizer/add-model.js';
import { addModelCodebooks } from '../../../src/tokenizer/model-codebooks.js';
import { assertRejectsCode } from '../../support/errors.js';
import { randomCodebooks } from '../codebooks/codebooks-kit.js';
import { fixturePath } from '../tokenizer/fixture-signal.js';

describe('codebooksOfModel', () => {
  let modelsDir = '';
  let onnxSha = '';
  before(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-query-codebooks-'));
    onnxSha = (await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'plain' })).manifest.sha256;
    const file = join(modelsDir, 'cb.npy');
    await writeFile(file, codebooksNpyBytes(16, 2048, 2, randomCodebooks(2).vectors));
    await addModelCodebooks(modelsDir, 'plain', file);
  });
  after(() => rm(modelsDir, { recursive: true, force: true }));

  it('reads a model\'s codebooks once and hands the same ones out again', async () => {
    const first = await codebooksOfModel(modelsDir, 'plain', onnxSha);
    assert.equal(first.dim, 2);
    assert.equal(await codebooksOfModel(modelsDir, 'plain', null), first);
  });

  it('answers MODEL_MISMATCH when the audio was encoded by other ONNX weights than the registered model', async () => {
    await assertRejectsCode(codebooksOfModel(modelsDir, 'plain', 'f'.repeat(64)), ErrorCode.MODEL_MISMATCH,
      new RegExp(`^model 'plain': the audio was encoded by ONNX sha256 f{64}; the registered model is ${onnxSha}$`));
  });
});
