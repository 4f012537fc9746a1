import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Codebooks } from '../../../../src/codebooks/codebooks.js';
import { dequantize } from '../../../../src/codebooks/dequantize.js';
import { parseNpyCodebooks } from '../../../../src/codebooks/read-npy-codebooks.js';
import { codeMatrix } from '../../../../src/domain/code-matrix.js';
import { ErrorCode } from '../../../../src/errors.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { decodeReferenceCodes, dequantizeLayers, firstLayers } from '../../../../src/decoders/reference/decode-codes.js';
import { readReferenceNormalisation } from '../../../../src/decoders/reference/reference-normalisation.js';
import type { FeatureNormalisation } from '../../../../src/decoders/reference/reference-normalisation.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { repoRoot } from '../../../support/paths.js';

const modelDir = join(repoRoot(), 'models', 'tokenscope-ref-v2');

function randomCodes(frames: number, seed: number) {
  const random = mulberry32(seed);
  return codeMatrix(Uint16Array.from({ length: frames * 16 }, () => Math.floor(random() * 2048)));
}

describe('decoding tokenscope-ref codes', () => {
  let codebooks: Codebooks;
  let norm: FeatureNormalisation;
  before(async () => {
    codebooks = parseNpyCodebooks(readFileSync(join(modelDir, 'codebooks.npy')), 'codebooks.npy');
    norm = await readReferenceNormalisation(join(modelDir, 'model.onnx'));
  });

  it('sums layers 1..k exactly as dequantize does', () => {
    const codes = randomCodes(9, 1);
    for (const k of [1, 5, 16]) assert.deepEqual(Buffer.from(dequantizeLayers(codes, codebooks, firstLayers(k)).buffer), Buffer.from(dequantize(codes, codebooks, k).buffer), `k = ${k}`);
  });

  it('sums any chosen layers, the others counting as zero', () => {
    const codes = randomCodes(3, 2);
    const sum = dequantizeLayers(codes, codebooks, [7, 2]);
    for (let f = 0; f < 3; f++) {
      for (let d = 0; d < 72; d++) {
        const a = codebooks.vectors[((1 * 2048 + codes.tokens[f * 16 + 1]!) * 72) + d]!;
        const b = codebooks.vectors[((6 * 2048 + codes.tokens[f * 16 + 6]!) * 72) + d]!;
        assert.equal(sum[f * 72 + d], Math.fround(a + b));
      }
    }
  });

  it('decodes N frames of codes to N · 1920 samples, and fewer layers to other samples', () => {
    const codes = randomCodes(4, 3);
    const all = decodeReferenceCodes(codes, codebooks, norm);
    assert.equal(all.length, 4 * 1920);
    const four = decodeReferenceCodes(codes, codebooks, norm, firstLayers(4));
    assert.equal(four.length, 4 * 1920);
    assert.notDeepEqual(Buffer.from(four.buffer), Buffer.from(all.buffer));
  });

  describe('refuses bad input, naming it', () => {
    it('a token past the codebook', () => {
      const codes = randomCodes(2, 4);
      codes.tokens[16 + 3] = 2048;
      assertThrowsCode(() => dequantizeLayers(codes, codebooks, firstLayers(16)), ErrorCode.INVALID_CODES, /codes: expected tokens 0..2047; received 2048 at frame 1, layer 4/);
    });
    it('an empty matrix', () => {
      assertThrowsCode(() => decodeReferenceCodes(codeMatrix(new Uint16Array(0)), codebooks, norm), ErrorCode.INVALID_CODES, /codes: expected at least 1 frame; received 0/);
    });
    it('layers 0 or 17, none, or one twice', () => {
      assertThrowsCode(() => firstLayers(0), ErrorCode.INVALID_ARGUMENT, /layers: expected an integer from 1 to 16; received 0/);
      assertThrowsCode(() => firstLayers(17), ErrorCode.INVALID_ARGUMENT, /layers: expected an integer from 1 to 16; received 17/);
      const codes = randomCodes(1, 5);
      assertThrowsCode(() => dequantizeLayers(codes, codebooks, []), ErrorCode.INVALID_ARGUMENT, /layers: expected distinct layer numbers from 1 to 16, at least one; received \[\]/);
      assertThrowsCode(() => dequantizeLayers(codes, codebooks, [3, 17]), ErrorCode.INVALID_ARGUMENT, /received \[3, 17\]/);
      assertThrowsCode(() => dequantizeLayers(codes, codebooks, [2, 2]), ErrorCode.INVALID_ARGUMENT, /received \[2, 2\]/);
    });
    it('codebooks of another width than 72', () => {
      const narrow: Codebooks = { ...codebooks, dim: 8, vectors: new Float32Array(16 * 2048 * 8) };
      assertThrowsCode(() => dequantizeLayers(randomCodes(1, 6), narrow, [1]), ErrorCode.INVALID_MODEL, /codebooks: expected vectors of 72 values \(a tokenscope-ref model\); received 8/);
    });
  });
});
