import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import type { ModelSignature, TensorSignature } from '../../../src/onnx/model-signature.js';
import { detectLayout } from '../../../src/tokenizer/layouts/registry.js';
import { assertThrowsCode } from '../../support/errors.js';

const t = (name: string, type: TensorSignature['type'], dims: TensorSignature['dims']): TensorSignature => ({ name, type, dims });
const sig = (inputs: TensorSignature[], outputs: TensorSignature[]): ModelSignature => ({ inputs, outputs, opset: 17 });

describe('layout detection', () => {
  it('recognises (a) input_values + padding_mask → audio_codes [B,N,16] with lengths', () => {
    const bound = detectLayout(sig([t('input_values', 'float32', ['B', 'T']), t('padding_mask', 'int64', ['B', 'T'])], [t('audio_codes', 'int64', ['B', 'N', 16]), t('audio_codes_lengths', 'int64', ['B'])]), 'm');
    assert.equal(bound.layout.name, 'masked-values');
    assert.deepEqual(bound.io, { waveform: 'input_values', paddingMask: 'padding_mask', codes: 'audio_codes', lengths: 'audio_codes_lengths' });
  });
  it('recognises (a) by types and ranks when the inputs come in another order, without lengths', () => {
    const bound = detectLayout(sig([t('mask', 'int64', [1, 'T']), t('wav', 'float32', [1, 'T'])], [t('out', 'int64', [1, 'N', 16])]), 'm');
    assert.deepEqual(bound.io, { waveform: 'wav', paddingMask: 'mask', codes: 'out' });
  });
  it('recognises (b) audio_waveform [B,1,T] → audio_codes [B,16,N]', () => {
    const bound = detectLayout(sig([t('audio_waveform', 'float32', ['B', 1, 'T'])], [t('audio_codes', 'int64', ['B', 16, 'N'])]), 'm');
    assert.equal(bound.layout.name, 'channel-waveform');
    assert.equal(bound.layout.orientation, 'layer-major');
  });
  it('recognises (c) audio [1,T] → codes [1,N,16]', () => {
    const bound = detectLayout(sig([t('audio', 'float32', [1, 'T'])], [t('codes', 'int64', [1, 'N', 16])]), 'm');
    assert.equal(bound.layout.name, 'plain-audio');
  });
  it('prefers the output named audio_codes among several rank-3 outputs', () => {
    const bound = detectLayout(sig([t('audio', 'float32', [1, 'T'])], [t('features', 'int64', [1, 'N', 16]), t('audio_codes', 'int64', [1, 'N', 16])]), 'm');
    assert.equal(bound.io.codes, 'audio_codes');
  });

  describe('refusals name what the model declares', () => {
    it('refuses frame-major codes for (b), whose layout is [B,16,N]', () => {
      assertThrowsCode(
        () => detectLayout(sig([t('audio_waveform', 'float32', ['B', 1, 'T'])], [t('audio_codes', 'int64', ['B', 'N', 16])]), 'm.onnx'),
        ErrorCode.INVALID_MODEL,
        /^m\.onnx fits no supported encoder layout\. Found inputs: audio_waveform float32 \[B, 1, T\]; outputs: audio_codes int64 \[B, N, 16\]\. .*channel-waveform: codes output audio_codes int64 \[B, N, 16\] has 16 on axis 2, the frames axis of this layout; expected \[B, 16, N\]/,
      );
    });
    it('refuses a batch of 2', () => {
      assertThrowsCode(() => detectLayout(sig([t('audio', 'float32', [1, 'T'])], [t('codes', 'int64', [2, 'N', 16])]), 'm'), ErrorCode.INVALID_MODEL, /codes int64 \[2, N, 16\] has batch 2; expected 1 or symbolic/);
    });
    it('refuses a stereo waveform input', () => {
      assertThrowsCode(() => detectLayout(sig([t('audio_waveform', 'float32', ['B', 2, 'T'])], [t('audio_codes', 'int64', ['B', 16, 'N'])]), 'm'), ErrorCode.INVALID_MODEL, /channel-waveform: needs a float32 \[B,1,T\] input, found audio_waveform float32 \[B, 2, T\]/);
    });
    it('refuses a model the manifest pins to another layout', () => {
      assertThrowsCode(() => detectLayout(sig([t('audio', 'float32', [1, 'T'])], [t('codes', 'int64', [1, 'N', 16])]), 'm', 'channel-waveform'), ErrorCode.INVALID_MODEL, /m fits not the layout channel-waveform\./);
    });
    it('refuses an ambiguous pair of rank-3 outputs', () => {
      assertThrowsCode(() => detectLayout(sig([t('audio', 'float32', [1, 'T'])], [t('x', 'int64', [1, 'N', 16]), t('y', 'int64', [1, 'N', 16])]), 'm'), ErrorCode.INVALID_MODEL, /several rank-3 outputs \(x int64 \[1, N, 16\], y int64 \[1, N, 16\]\) and none named audio_codes or codes/);
    });
  });
});
