import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { modelsAddCodebooksCommand, modelsAddCommand, modelsListCommand, modelsNeighboursCommand, modelsVerifyCommand } from '../../../src/cli/commands/models.js';
import { qwenTensors, writeSafetensors } from '../codebooks/safetensors-kit.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode } from '../../support/errors.js';
import { fixturePath } from './fixture-signal.js';

/** Runs a command, returning its exit code and what it printed. */
async function printed(command: () => Promise<number>): Promise<{ code: number; out: string }> {
  const log = mock.method(console, 'log', () => undefined);
  try {
    const code = await command();
    return { code, out: log.mock.calls.map((c) => c.arguments.join(' ')).join('\n') };
  } finally {
    log.mock.restore();
  }
}

describe('tokenscope models (command functions)', () => {
  let modelsDir: string;
  before(async () => {
    modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-models-cli-'));
  });
  after(async () => rm(modelsDir, { recursive: true, force: true }));

  it('says how to add a model when none is registered', async () => {
    const { code, out } = await printed(() => modelsListCommand({ modelsDir }));
    assert.equal(code, 0);
    assert.match(out, /no models in .*; register one with `tokenscope models add <onnx> --id <id>`/);
  });

  it('adds, lists and verifies a model', async () => {
    const added = await printed(() => modelsAddCommand(fixturePath('fixture-masked-values', 'model.onnx'), { modelsDir, id: 'qwen-a', family: 'tokenscope-fixture', copy: true }));
    assert.equal(added.code, 0);
    assert.match(added.out, /^added model qwen-a \(masked-values, sha256 [0-9a-f]{64}\) in .*qwen-a\nonnx: .*qwen-a\/model\.onnx$/);

    const listed = await printed(() => modelsListCommand({ modelsDir }));
    assert.equal(listed.code, 0);
    const lines = listed.out.split('\n');
    assert.match(lines[0]!, /^id\s+family\s+layout\s+sha256\s+contextual\s+onnx$/);
    assert.match(lines[2]!, /^qwen-a\s+tokenscope-fixture\s+masked-values\s+[0-9a-f]{12}\s+no\s+.*qwen-a\/model\.onnx$/);

    const verified = await printed(() => modelsVerifyCommand('qwen-a', { modelsDir, device: 'cpu' }));
    assert.equal(verified.code, 0);
    assert.match(verified.out, /model qwen-a: ok\nsha256: [0-9a-f]{64} \(matches the manifest\)\nlayout: masked-values\ndevice: cpu \(cpu requested\)\n1 s of silence: 13 frames × 16 layers in [0-9.]+ ms/);
  });

  it('registers codebooks read from an official-layout .safetensors checkpoint', async () => {
    const ones = (n: number) => new Float32Array(n).fill(1);
    const fx = { sums: Array.from({ length: 16 }, () => ones(2048 * 2)), usages: Array.from({ length: 16 }, () => ones(2048)), first: ones(8), rest: ones(8) };
    const file = join(modelsDir, 'tokenizer.safetensors');
    await writeSafetensors(file, qwenTensors(fx, 2, 4));
    const { code, out } = await printed(() => modelsAddCodebooksCommand('qwen-a', file, { modelsDir }));
    assert.equal(code, 0);
    assert.match(out, /^model qwen-a: codebooks 16 × 2048 × 4 float32 \(sha256 [0-9a-f]{64}\) in .*qwen-a\/codebooks\.npy$/);
  });

  it('neighbours prints the nearest codebook entries of a layer, nearest first, and refuses a bad token naming it', async () => {
    const { code, out } = await printed(() => modelsNeighboursCommand('qwen-a', { modelsDir, layer: 3, token: 7, k: 2 }));
    assert.equal(code, 0);
    const lines = out.split('\n');
    assert.equal(lines[0], 'model qwen-a, layer 3, token 7: 2 nearest codebook entries');
    const distances = lines.slice(-2).map((l) => Number(l.trim().split(/\s+/)[1]));
    assert.ok(distances[0]! <= distances[1]!, out);
    await assertRejectsCode(modelsNeighboursCommand('qwen-a', { modelsDir, layer: 3, token: 4096 }), ErrorCode.INVALID_ARGUMENT, /^token: expected an integer from 0 to 2047; received 4096$/);
  });

  it('lists an unusable manifest as such and exits 1', async () => {
    await mkdir(join(modelsDir, 'broken'), { recursive: true });
    await writeFile(join(modelsDir, 'broken', 'manifest.json'), '{}');
    const { code, out } = await printed(() => modelsListCommand({ modelsDir }));
    assert.equal(code, 1);
    assert.match(out, /broken\s+-\s+-\s+-\s+-\s+invalid manifest: .*field 'id' must be an id matching/);
  });

  it('refuses to verify an unknown model', async () => {
    await assertRejectsCode(modelsVerifyCommand('nope', { modelsDir }), ErrorCode.NOT_FOUND, /no model 'nope'/);
  });
});
