import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readCodebooksFile } from '../../../src/codebooks/read-codebooks-file.js';
import { SAMPLES_PER_FRAME } from '../../../src/domain/contract.js';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import { openDecoder } from '../../../src/decoders/decoder-registry.js';
import { decodeReferenceCodes, firstLayers, readReferenceNormalisation } from '../../../src/decoders/reference/index.js';
import { openReferenceDecoder } from '../../../src/decoders/reference-backend.js';
import { ErrorCode } from '../../../src/errors.js';
import { loadModel } from '../../../src/tokenizer/model-registry.js';
import { assertRejectsCode } from '../../support/errors.js';
import { repoRoot } from '../../support/paths.js';

const MODELS = join(repoRoot(), 'models');

/** `frames` frames of tokens from a fixed linear congruential sequence. */
function tokens(frames: number): Uint16Array {
  let x = 12345;
  return Uint16Array.from({ length: frames * 16 }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) % 2048);
}

describe('the shipped reference models name the reference decoder', () => {
  for (const id of ['tokenscope-ref-v2', 'tokenscope-ref-v1']) {
    it(`${id}: decodes its codes behind the contract to exactly what decodeReferenceCodes gives, whole, streamed and with layers left out`, async () => {
      const model = await loadModel(MODELS, id);
      assert.deepEqual(model.manifest.decoder, { kind: 'reference' });
      const decoder = await openDecoder(model);
      try {
        assert.equal(decoder.info.kind, 'reference');
        assert.deepEqual(decoder.info.ablation, { kind: 'partial-sums' });
        // 600 frames: more than one of the backend's 512-frame blocks.
        const codes = codeMatrix(tokens(600));
        const request = { codes, model: { id, sha256: model.manifest.sha256 } };
        const codebooks = await readCodebooksFile(join(model.dir, 'codebooks.npy'));
        const norm = await readReferenceNormalisation(join(model.dir, 'model.onnx'));
        const whole = await decoder.decode(request);
        assert.equal(whole.length, 600 * SAMPLES_PER_FRAME);
        assert.deepEqual(whole, decodeReferenceCodes(codes, codebooks, norm));
        const blocks: Float32Array[] = [];
        for await (const b of decoder.stream(request)) blocks.push(b);
        assert.equal(blocks.length, 2);
        assert.deepEqual(Float32Array.from(blocks.flatMap((b) => [...b])), whole);
        const four = await decoder.decode(request, { layers: firstLayers(4) });
        assert.deepEqual(four, decodeReferenceCodes(codes, codebooks, norm, firstLayers(4)));
        assert.notDeepEqual(four, whole);
        await assertRejectsCode(decoder.decode({ codes, model: { id: 'tokenscope-ref-other', sha256: null } }), ErrorCode.MODEL_MISMATCH, /tokenscope-ref-other/);
      } finally {
        await decoder.close();
      }
    });
  }
});

describe('the reference backend’s threads option', () => {
  it('decodes the same bytes in this thread (threads 1) as in a pool of 3 workers, streamed in order, and refuses 0 threads', async () => {
    const model = await loadModel(MODELS, 'tokenscope-ref-v2');
    const codes = codeMatrix(tokens(530));
    const single = await openReferenceDecoder(model, { kind: 'reference', options: { threads: 1 } });
    const pooled = await openReferenceDecoder(model, { kind: 'reference', options: { threads: 3 } });
    try {
      const collect = async (blocks: AsyncIterable<Float32Array>) => {
        const out: Float32Array[] = [];
        for await (const b of blocks) out.push(b);
        return out;
      };
      const a = await collect(single.blocks(codes, firstLayers(16)));
      const b = await collect(pooled.blocks(codes, firstLayers(16)));
      assert.deepEqual(b.map((x) => x.length), [512 * SAMPLES_PER_FRAME, 18 * SAMPLES_PER_FRAME]);
      assert.deepEqual(b, a);
    } finally {
      await single.close();
      await pooled.close();
    }
    await assertRejectsCode(openReferenceDecoder(model, { kind: 'reference', options: { threads: 0 } }), ErrorCode.INVALID_ARGUMENT, /threads: expected an integer from 1 to 256 \(worker threads\); received 0/);
  });
});
