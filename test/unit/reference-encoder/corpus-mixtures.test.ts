import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../../src/domain/contract.js';
import { SHIPPED_MODEL_IDS } from '../../../scripts/build-model/model-identity.js';
import { readPcm16Wav } from '../../../scripts/build-model/wav.js';
import { repoRoot, sharedDir } from '../../support/paths.js';

const mixtures = join(sharedDir(), 'corpus', 'mixtures');
const skip = existsSync(mixtures) ? false : `no corpus mixtures at ${mixtures} (../shared is absent); skipping the code-use check`;

describe('the reference encoders on the corpus mixtures', () => {
  for (const id of SHIPPED_MODEL_IDS) it(`${id} uses at least 1,024 of its 2,048 codes in every layer over all 40 mixtures`, { skip }, async () => {
    const session = await ort.InferenceSession.create(join(repoRoot(), 'models', id, 'model.onnx'));
    try {
      const seen = Array.from({ length: LAYER_COUNT }, () => new Uint8Array(CODEBOOK_SIZE));
      for (const name of readdirSync(mixtures).filter((n) => n.endsWith('.wav')).sort()) {
        const samples = readPcm16Wav(join(mixtures, name));
        const codes = (await session.run({ audio: new ort.Tensor('float32', samples, [1, samples.length]) }))['codes']!.data as BigInt64Array;
        for (let i = 0; i < codes.length; i++) seen[i % LAYER_COUNT]![Number(codes[i]!)] = 1;
      }
      const used = seen.map((s) => s.reduce((a, b) => a + b, 0));
      used.forEach((count, i) => assert.ok(count >= 1024, `layer ${i + 1} uses ${count} codes (all layers: ${used.join(', ')})`));
    } finally {
      await session.release();
    }
  });
});
