import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { modelsAddCommand, modelsAddDecoderCommand } from '../../../src/cli/commands/models.js';
import { ErrorCode } from '../../../src/errors.js';
import { assertRejectsCode } from '../../support/errors.js';
import { writeFixtureDecoder } from '../../support/fixture-decoders.js';
import { DECODER_TEST_MODEL, modelsDirWithEncoder } from '../../support/decoder-models.js';
import { fixturePath } from '../tokenizer/fixture-signal.js';

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

describe('tokenscope models add --decoder and models add-decoder (command functions)', () => {
  it('models add --decoder refuses a wrong-layout decoder before writing anything', async () => {
    const modelsDir = await modelsDirWithEncoder();
    const decoder = await writeFixtureDecoder({ layout: 'codes-lengths', bad: 'eight-layers' });
    await assertRejectsCode(modelsAddCommand(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'refused', decoder }), ErrorCode.INVALID_MODEL, /decoder .* fits no supported decoder layout\. Found inputs: audio_codes int64 \[1, frames, 8\]/);
    assert.equal(existsSync(join(modelsDir, 'refused')), false);
  });

  it('models add --decoder prints the decoder it recorded', async () => {
    const modelsDir = await modelsDirWithEncoder();
    const decoder = await writeFixtureDecoder({ layout: 'layer-major' });
    const { code, out } = await printed(() => modelsAddCommand(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'with-decoder', decoder, decoderContextFrames: 0 }));
    assert.equal(code, 0);
    assert.match(out, /\ndecoder: layer-major, .*decoder\.onnx \(sha256 [0-9a-f]{64}\), chunks of 300 frames with 0 frames of left context$/);
  });

  it('models add refuses decoder settings without --decoder, and an unknown --decoder-layout', async () => {
    const modelsDir = await modelsDirWithEncoder();
    await assertRejectsCode(modelsAddCommand(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'x', decoderChunkFrames: 10 }), ErrorCode.INVALID_ARGUMENT, /go with --decoder <onnx>/);
    const decoder = await writeFixtureDecoder({ layout: 'layer-major' });
    await assertRejectsCode(modelsAddCommand(fixturePath('fixture-plain-audio', 'model.onnx'), { modelsDir, id: 'x', decoder, decoderLayout: 'masked-values' }), ErrorCode.INVALID_ARGUMENT, /--decoder-layout: expected one of context-chunk, codes-lengths, layer-major, got "masked-values"/);
  });

  it('models add-decoder names a decoder in an existing model, copied with --copy', async () => {
    const modelsDir = await modelsDirWithEncoder();
    const { code, out } = await printed(async () => modelsAddDecoderCommand(DECODER_TEST_MODEL, await writeFixtureDecoder({ layout: 'context-chunk' }), { modelsDir, copy: true, chunkFrames: 100 }));
    assert.equal(code, 0);
    assert.match(out, /^model fixture-plain-audio: decoder: context-chunk, .*fixture-plain-audio\/decoder\.onnx \(sha256 [0-9a-f]{64}\), chunks of 100 frames with 25 frames of left context$/);
    assert.ok(existsSync(join(modelsDir, DECODER_TEST_MODEL, 'decoder.onnx')));
  });
});
