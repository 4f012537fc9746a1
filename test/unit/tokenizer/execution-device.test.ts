import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { cudaAvailability, deviceFor, type DeviceRequest } from '../../../src/tokenizer/execution-device.js';
import { openTokenizer } from '../../../src/tokenizer/open-tokenizer.js';
import { assertRejectsCode, assertThrowsCode } from '../../support/errors.js';
import { fixturePath } from './fixture-signal.js';

const cuda = cudaAvailability();

describe('execution device', () => {
  it('auto reports the device it chose and why', async () => {
    const t = await openTokenizer(fixturePath('fixture-plain-audio'), { device: 'auto' });
    try {
      assert.equal(t.model.device, cuda.installed ? 'cuda' : 'cpu');
      assert.match(t.model.deviceReason, /^auto: /);
      if (!cuda.installed) assert.match(t.model.deviceReason, /using CPU because .*CUDA/);
    } finally {
      await t.close();
    }
  });

  it('refuses cuda without its provider, saying how to install it', { skip: cuda.installed && 'the CUDA provider is installed here' }, () => {
    assertThrowsCode(
      () => deviceFor('cuda'),
      ErrorCode.INVALID_ARGUMENT,
      /device: cuda requested but the onnxruntime-node CUDA execution provider is not installed: .*ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node --ignore-scripts=false/,
    );
  });

  it('refuses a device it does not know', async () => {
    await assertRejectsCode(openTokenizer(fixturePath('fixture-plain-audio'), { device: 'gpu' as DeviceRequest }), ErrorCode.INVALID_ARGUMENT, /device: expected one of cpu, cuda, auto, got "gpu"/);
  });
});
