import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { parseManifest, readManifest } from '../../../src/tokenizer/model-manifest.js';
import { assertRejectsCode, assertThrowsCode } from '../../support/errors.js';
import { fixturePath } from './fixture-signal.js';

describe('model manifest', () => {
  let good: Record<string, unknown>;
  let dir: string;
  before(async () => {
    good = JSON.parse(await readFile(fixturePath('fixture-masked-values', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-manifest-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('reads a fixture manifest with every field', async () => {
    const m = await readManifest(fixturePath('fixture-masked-values'));
    assert.equal(m.layout, 'masked-values');
    assert.deepEqual(m.inputs, { waveform: 'input_values', paddingMask: 'padding_mask' });
    assert.deepEqual(m.outputs, { codes: 'audio_codes', lengths: 'audio_codes_lengths' });
    assert.equal(m.onnx, 'model.onnx');
  });

  describe('misuse', () => {
    const refuses = (change: Record<string, unknown>, message: RegExp) => () =>
      assertThrowsCode(() => parseManifest({ ...good, ...change }, 'm.json'), ErrorCode.INVALID_MODEL, message);
    it('refuses a manifest that is not an object', () => assertThrowsCode(() => parseManifest([1], 'm.json'), ErrorCode.INVALID_MODEL, /^m\.json: expected a JSON object, got \[1\]$/));
    it('refuses an unknown field', refuses({ hopSize: 1920 }, /m\.json: unknown field 'hopSize'/));
    it('refuses a missing field', refuses({ sha256: undefined }, /field 'sha256' must be 64 lowercase hex digits, got nothing/));
    it('refuses a hop other than 1920', refuses({ hop: 960 }, /field 'hop' must be 1920 \(samples per frame\), got 960/));
    it('refuses a sample rate other than 24000', refuses({ sampleRate: 16000 }, /field 'sampleRate' must be 24000 \(Hz\), got 16000/));
    it('refuses 8 layers', refuses({ layers: 8 }, /field 'layers' must be 16 \(layers per frame\), got 8/));
    it('refuses an unknown layout', refuses({ layout: 'encodec' }, /field 'layout' must be one of masked-values, channel-waveform, plain-audio, got "encodec"/));
    it('refuses a masked-values manifest without a padding-mask name', refuses({ inputs: { waveform: 'x' } }, /field 'inputs.paddingMask' must be a tensor name, got nothing/));
    it('refuses a tensor role the layout does not have', refuses({ layout: 'plain-audio', inputs: { waveform: 'x', paddingMask: 'm' } }, /field 'inputs.paddingMask' is not a known inputs role \(waveform\)/));
    it('refuses an id with capitals', refuses({ id: 'Fixture' }, /field 'id' must be an id matching/));
    it('refuses a non-boolean contextual', refuses({ contextual: 'yes' }, /field 'contextual' must be true or false, got "yes"/));
    it('refuses a chunk overlap on a frame-local model', refuses({ chunkOverlapFrames: 2 }, /field 'chunkOverlapFrames' must be 0 for a frame-local model \(contextual: false\), got 2/));
    it('refuses a negative chunk overlap', refuses({ contextual: true, chunkOverlapFrames: -1 }, /field 'chunkOverlapFrames' must be an integer ≥ 0 \(frames\), got -1/));
    it('refuses an empty licence', refuses({ licence: ' ' }, /field 'licence' must be a non-empty string, got " "/));

    it('refuses a manifest whose id is not its folder name', async () => {
      await mkdir(join(dir, 'other-name'), { recursive: true });
      await writeFile(join(dir, 'other-name', 'manifest.json'), JSON.stringify(good));
      await assertRejectsCode(readManifest(join(dir, 'other-name')), ErrorCode.INVALID_MODEL, /field 'id' must equal the folder name 'other-name', got 'fixture-masked-values'/);
    });
    it('refuses a manifest that is not JSON', async () => {
      await mkdir(join(dir, 'broken'), { recursive: true });
      await writeFile(join(dir, 'broken', 'manifest.json'), '{"id": ');
      await assertRejectsCode(readManifest(join(dir, 'broken')), ErrorCode.INVALID_MODEL, /manifest\.json: not JSON/);
    });
    it('reports a folder without a manifest as not found', async () => {
      await assertRejectsCode(readManifest(join(dir, 'nothing-here')), ErrorCode.NOT_FOUND, /no model manifest at .*nothing-here\/manifest\.json/);
    });
  });
});
