import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addModelDecoder } from '../../../src/decoders/add-model-decoder.js';
import { openDecoder } from '../../../src/decoders/decoder-registry.js';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { ErrorCode } from '../../../src/errors.js';
import { addModel } from '../../../src/tokenizer/add-model.js';
import { readManifest } from '../../../src/tokenizer/model-manifest.js';
import { loadModel } from '../../../src/tokenizer/model-registry.js';
import { inspectDecoderSpec } from '../../../src/decoders/inspect-decoder.js';
import { assertRejectsCode } from '../../support/errors.js';
import { fixtureDecoderBytes, sampleTokens, writeFixtureDecoder } from '../../support/fixture-decoders.js';
import { DECODER_TEST_MODEL, modelsDirWithEncoder, modelWithDecoder } from '../../support/decoder-models.js';
import { fixturePath } from '../tokenizer/fixture-signal.js';

describe('adding a decoder to a model', () => {
  it('refuses a decoder whose codes input has 8 layers, naming what it found, and leaves the manifest as it was', async () => {
    const modelsDir = await modelsDirWithEncoder();
    const before = await readFile(join(modelsDir, DECODER_TEST_MODEL, 'manifest.json'), 'utf8');
    await assertRejectsCode(
      addModelDecoder(modelsDir, DECODER_TEST_MODEL, await writeFixtureDecoder({ layout: 'codes-lengths', bad: 'eight-layers' })),
      ErrorCode.INVALID_MODEL,
      /fits no supported decoder layout\. Found inputs: audio_codes int64 \[1, frames, 8\]; outputs: audio_values float32 \[1, samples\], lengths int64 \[1\]\. context-chunk: needs 2 inputs .*; codes-lengths: codes input audio_codes int64 \[1, frames, 8\] has 8 on axis 2; expected 16 layers there/,
    );
    assert.equal(await readFile(join(modelsDir, DECODER_TEST_MODEL, 'manifest.json'), 'utf8'), before);
  });

  it('refuses a decoder that takes float codes', async () => {
    await assertRejectsCode(inspectDecoderSpec(await writeFixtureDecoder({ layout: 'codes-lengths', bad: 'float-codes' })), ErrorCode.INVALID_MODEL, /needs an int64 \[1, N, 16\] codes input, found audio_codes float32 \[1, frames, 16\]/);
  });

  it('refuses a decoder pinned to a layout it does not fit', async () => {
    await assertRejectsCode(inspectDecoderSpec(await writeFixtureDecoder({ layout: 'layer-major' }), { layout: 'codes-lengths' }), ErrorCode.INVALID_MODEL, /fits not the decoder layout codes-lengths\. .*has 16 on axis 1; expected \[1, N, 16\]/);
  });

  it('refuses, by its probe decode, a context-chunk decoder that returns the context frames\' audio too', async () => {
    await assertRejectsCode(
      inspectDecoderSpec(await writeFixtureDecoder({ layout: 'context-chunk', bad: 'ignores-context' })),
      ErrorCode.INVALID_MODEL,
      /failed the probe decode of 13 frames: .*output audio_values is declared 19200 samples long by its lengths output for 10 frames of which 5 are context; expected 9600/,
    );
  });

  it('refuses, by its probe decode, a decoder that returns one frame too few', async () => {
    await assertRejectsCode(inspectDecoderSpec(await writeFixtureDecoder({ layout: 'codes-lengths', bad: 'short-by-one-frame' })), ErrorCode.INVALID_MODEL, /output audio_values holds 13440 samples for 8 frames; expected 15360/);
  });

  it('models add --decoder copies the decoder beside the encoder and records its layout, tensors and sha256', async () => {
    const modelsDir = await modelsDirWithEncoder();
    const decoder = await inspectDecoderSpec(await writeFixtureDecoder({ layout: 'context-chunk' }), { contextFrames: 4 });
    const { dir, manifest } = await addModel(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'with-decoder', copy: true, decoder });
    assert.deepEqual(manifest.decoder, { ...decoder, onnx: 'decoder.onnx' });
    assert.deepEqual(await readManifest(dir), manifest);
    assert.deepEqual(await readFile(join(dir, 'decoder.onnx')), Buffer.from(fixtureDecoderBytes({ layout: 'context-chunk' })));
    assert.deepEqual(manifest.decoder?.kind === 'onnx' && manifest.decoder.io, { codes: 'audio_codes', contextFrames: 'context_frames', audio: 'audio_values', lengths: 'lengths' });
  });

  it('refuses to open a decoder whose file changed since it was added', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths' });
    await writeFile(join(model.dir, 'decoder.onnx'), fixtureDecoderBytes({ layout: 'codes-lengths', lookBack: true }));
    await assertRejectsCode(openDecoder(model), ErrorCode.INVALID_MODEL, /decoder .*decoder\.onnx has sha256 [0-9a-f]{64}, but the manifest records [0-9a-f]{64}; the file changed since it was added/);
    await rm(join(model.dir, 'decoder.onnx'));
    await assertRejectsCode(openDecoder(model), ErrorCode.NOT_FOUND, /decoder file .*decoder\.onnx does not exist/);
  });

  it('says how to add a decoder to a model that names none', async () => {
    const modelsDir = await modelsDirWithEncoder();
    await assertRejectsCode(openDecoder(await loadModel(modelsDir, DECODER_TEST_MODEL)), ErrorCode.NOT_FOUND, /model 'fixture-plain-audio' names no decoder; add one with `tokenscope models add-decoder fixture-plain-audio <decoder\.onnx>`/);
  });

  it('refuses a manifest whose decoder field is malformed, naming the field', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths' });
    const path = join(model.dir, 'manifest.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...json, decoder: { ...json.decoder, layout: 'plain-audio' } }));
    await assertRejectsCode(readManifest(model.dir), ErrorCode.INVALID_MODEL, /field 'decoder\.layout' must be one of context-chunk, codes-lengths, layer-major, got "plain-audio"/);
    await writeFile(path, JSON.stringify({ ...json, decoder: { ...json.decoder, contextFrames: -1 } }));
    await assertRejectsCode(readManifest(model.dir), ErrorCode.INVALID_MODEL, /field 'decoder\.contextFrames' must be an integer ≥ 0 \(frames\), got -1/);
    await writeFile(path, JSON.stringify({ ...json, decoder: { kind: 'vocoder' } }));
    await assertRejectsCode(readManifest(model.dir), ErrorCode.INVALID_MODEL, /field 'decoder\.kind' must be onnx or reference, got "vocoder"/);
  });

  it('an opened decoder of a fixture decodes what it was added with', async () => {
    const { model } = await modelWithDecoder({ layout: 'layer-major' });
    const decoder = await openDecoder(model);
    try {
      assert.equal((await decoder.decode({ codes: codeMatrix(sampleTokens(2)), model: { id: DECODER_TEST_MODEL, sha256: null } })).length, 3840);
      assert.equal(decoder.info.summary, 'onnx layer-major');
    } finally {
      await decoder.close();
    }
  });
});
