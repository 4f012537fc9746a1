import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { readManifest } from '../../../src/tokenizer/model-manifest.js';
import { openTokenizer } from '../../../src/tokenizer/open-tokenizer.js';
import { assertRejectsCode } from '../../support/errors.js';
import { fixturePath } from './fixture-signal.js';

describe('openTokenizer misuse', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-open-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  const model = () => fixturePath('fixture-plain-audio');
  it('refuses chunkFrames below 1', async () => {
    await assertRejectsCode(openTokenizer(model(), { chunkFrames: 0 }), ErrorCode.INVALID_ARGUMENT, /chunkFrames: expected an integer ≥ 1 \(frames per run\), got 0/);
  });
  it('refuses a fractional thread count', async () => {
    await assertRejectsCode(openTokenizer(model(), { threads: 1.5 }), ErrorCode.INVALID_ARGUMENT, /threads: expected an integer ≥ 0 \(0: onnxruntime's default\), got 1\.5/);
  });
  it('refuses a model folder without a manifest', async () => {
    await assertRejectsCode(openTokenizer(join(dir, 'missing')), ErrorCode.NOT_FOUND, /no model manifest at/);
  });
  it('refuses a manifest whose ONNX file is missing', async () => {
    const manifest = await readManifest(model());
    await assertRejectsCode(openTokenizer({ dir, manifest }), ErrorCode.NOT_FOUND, /model fixture-plain-audio: ONNX file .*model\.onnx does not exist/);
  });
  it('refuses a manifest that pins the wrong layout', async () => {
    const manifest = { ...(await readManifest(model())), layout: 'channel-waveform' as const, onnx: fixturePath('fixture-plain-audio', 'model.onnx') };
    await assertRejectsCode(openTokenizer({ dir, manifest }), ErrorCode.INVALID_MODEL, /model fixture-plain-audio \(.*\) fits not the layout channel-waveform\. Found inputs: audio float32 \[1, samples\]/);
  });
  it('refuses a manifest that names other tensors than the model has', async () => {
    const json = JSON.parse(await readFile(join(model(), 'manifest.json'), 'utf8'));
    await mkdir(join(dir, 'fixture-plain-audio'), { recursive: true });
    await writeFile(join(dir, 'fixture-plain-audio', 'manifest.json'), JSON.stringify({ ...json, inputs: { waveform: 'wave' }, onnx: fixturePath('fixture-plain-audio', 'model.onnx') }));
    await assertRejectsCode(openTokenizer(join(dir, 'fixture-plain-audio')), ErrorCode.INVALID_MODEL, /the manifest names tensors .*"wave".*, the model has .*"audio"/);
  });
});
