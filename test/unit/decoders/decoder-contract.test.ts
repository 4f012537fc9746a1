import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contractDecoder } from '../../../src/decoders/contract-decoder.js';
import type { DecoderBackend, DecoderInfo } from '../../../src/decoders/decoder.js';
import { openDecoder, registerDecoderKind } from '../../../src/decoders/decoder-registry.js';
import { codeMatrix, type CodeMatrix } from '../../../src/domain/code-matrix.js';
import { SAMPLES_PER_FRAME } from '../../../src/domain/contract.js';
import { ErrorCode } from '../../../src/errors.js';
import { writeManifest } from '../../../src/tokenizer/model-manifest.js';
import { assertRejectsCode, assertThrowsCode } from '../../support/errors.js';
import { sampleTokens } from '../../support/fixture-decoders.js';
import { DECODER_TEST_MODEL, modelWithDecoder } from '../../support/decoder-models.js';

const SHA = 'a'.repeat(64);

/** A backend that returns `samplesPerFrame` zeros per frame in one block and records the layers it was asked for. */
function stub(samplesPerFrame = SAMPLES_PER_FRAME, ablation: DecoderInfo['ablation'] = { kind: 'partial-sums' }): DecoderBackend & { asked: (readonly number[])[] } {
  const asked: (readonly number[])[] = [];
  return {
    asked,
    info: { modelId: 'm', modelSha256: SHA, kind: 'stub', summary: 'stub', ablation },
    async *blocks(codes: CodeMatrix, layers: readonly number[]) {
      asked.push(layers);
      yield new Float32Array(codes.frames * samplesPerFrame);
    },
    close: async () => undefined,
  };
}

const good = { codes: codeMatrix(sampleTokens(3)), model: { id: 'm', sha256: SHA } };

describe('the decoder contract', () => {
  describe('refuses bad requests before anything runs, with a code and a message naming what was wrong', () => {
    it('codes of another model', async () => {
      const d = contractDecoder(stub());
      await assertRejectsCode(d.decode({ ...good, model: { id: 'other', sha256: null } }), ErrorCode.MODEL_MISMATCH, /the decoder of model 'm' decodes that model's codes, got codes of 'other'/);
      await assertRejectsCode(d.decode({ ...good, model: { id: 'm', sha256: 'b'.repeat(64) } }), ErrorCode.MODEL_MISMATCH, /model 'm' is the encoder with ONNX sha256 a{64}, got codes encoded by sha256 b{64}/);
    });

    it('token 2048, naming its frame and layer', async () => {
      const tokens = sampleTokens(3);
      tokens[2 * 16 + 11] = 2048;
      await assertRejectsCode(contractDecoder(stub()).decode({ ...good, codes: codeMatrix(tokens) }), ErrorCode.INVALID_CODES, /tokens must be 0\.\.2047, got 2048 at frame 2, layer 12/);
    });

    it('an empty matrix', async () => {
      await assertRejectsCode(contractDecoder(stub()).decode({ ...good, codes: codeMatrix(new Uint16Array(0)) }), ErrorCode.INVALID_CODES, /expected at least 1 frame, got an empty matrix \(0 frames\)/);
    });

    it('a matrix that is not 16 layers per frame', async () => {
      await assertRejectsCode(contractDecoder(stub()).decode({ ...good, codes: { frames: 2, tokens: new Uint16Array(16) } }), ErrorCode.INVALID_CODES, /expected 16 layers per frame .*got 16 tokens for 2 frames/);
      await assertRejectsCode(contractDecoder(stub()).decode({ ...good, codes: { frames: 1, tokens: new Uint16Array(8) } }), ErrorCode.INVALID_CODES, /expected 16 layers per frame .*got 8 tokens for 1 frames/);
    });

    it('layers 0 or 17 in an ablation, and no layers at all', async () => {
      await assertRejectsCode(contractDecoder(stub()).decode(good, { layers: [0, 1, 2] }), ErrorCode.INVALID_ARGUMENT, /layers: expected layer numbers 1\.\.16, got 0/);
      await assertRejectsCode(contractDecoder(stub()).decode(good, { layers: [16, 17] }), ErrorCode.INVALID_ARGUMENT, /layers: expected layer numbers 1\.\.16, got 17/);
      await assertRejectsCode(contractDecoder(stub()).decode(good, { layers: [] }), ErrorCode.INVALID_ARGUMENT, /expected at least one layer number 1\.\.16, got none/);
    });

    it('an ablation on a decoder that takes token ids, saying why', async () => {
      const d = contractDecoder(stub(SAMPLES_PER_FRAME, { kind: 'none', reason: 'it takes token ids' }));
      await assertRejectsCode(d.decode(good, { layers: [1, 2, 3, 4, 5, 6, 7, 8] }), ErrorCode.UNSUPPORTED_OPERATION, /layers: the stub decoder of model 'm' cannot decode layers 1-8 only: it takes token ids/);
      assert.equal((await d.decode(good, { layers: Array.from({ length: 16 }, (_, i) => 16 - i) })).length, 3 * SAMPLES_PER_FRAME, 'all 16 layers, in any order, is no ablation');
    });

    it('stream validates before the first block', () => {
      assertThrowsCode(() => contractDecoder(stub()).stream({ ...good, codes: codeMatrix(new Uint16Array(0)) }), ErrorCode.INVALID_CODES, /empty matrix/);
    });
  });

  it('a decoder that takes partial sums is given the kept layers, sorted and without repeats', async () => {
    const backend = stub();
    await contractDecoder(backend).decode(good, { layers: [3, 1, 2, 2] });
    assert.deepEqual(backend.asked, [[1, 2, 3]]);
  });

  it('refuses a decoder that returns the wrong number of samples, naming expected and received lengths', async () => {
    await assertRejectsCode(contractDecoder(stub(1919)).decode(good), ErrorCode.INVALID_MODEL, /returned 5757 samples for 3 frames; expected 5760 \(3 × 1920\)/);
    await assertRejectsCode(contractDecoder(stub(1921)).decode(good), ErrorCode.INVALID_MODEL, /returned more than 5760 \(at least 5763\) samples for 3 frames; expected 5760/);
  });

  it('refuses to decode after close', async () => {
    const d = contractDecoder(stub());
    await d.close();
    await assertRejectsCode(d.decode(good), ErrorCode.INVALID_ARGUMENT, /decoder of model m is closed; open a new one/);
  });

  it('an ONNX decoder refuses the codes of another model and an ablation', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths' });
    const d = await openDecoder(model);
    try {
      await assertRejectsCode(d.decode({ codes: codeMatrix(sampleTokens(2)), model: { id: 'fixture-masked-values', sha256: null } }), ErrorCode.MODEL_MISMATCH, /got codes of 'fixture-masked-values'/);
      await assertRejectsCode(
        d.decode({ codes: codeMatrix(sampleTokens(2)), model: { id: DECODER_TEST_MODEL, sha256: null } }, { layers: [1, 2, 3, 4] }),
        ErrorCode.UNSUPPORTED_OPERATION,
        /the onnx codes-lengths decoder of model 'fixture-plain-audio' cannot decode layers 1-4 only: it takes token ids, and an id cannot be left out/,
      );
    } finally {
      await d.close();
    }
  });

  it('a manifest naming the reference decoder opens what the reference kind registers (a later registration replaces the built-in one), behind the same contract', async () => {
    const { model } = await modelWithDecoder({ layout: 'codes-lengths' });
    const manifest = { ...model.manifest, decoder: { kind: 'reference' as const } };
    await writeManifest(model.dir, manifest);
    const loaded = { dir: model.dir, manifest };
    registerDecoderKind('reference', async (m) => ({ ...stub(), info: { ...stub().info, modelId: m.manifest.id, modelSha256: m.manifest.sha256, kind: 'reference' } }));
    const d = await openDecoder(loaded);
    assert.equal(d.info.kind, 'reference');
    assert.equal((await d.decode({ codes: codeMatrix(sampleTokens(2)), model: { id: DECODER_TEST_MODEL, sha256: model.manifest.sha256 } }, { layers: [1] })).length, 2 * SAMPLES_PER_FRAME);
    await d.close();
  });
});
