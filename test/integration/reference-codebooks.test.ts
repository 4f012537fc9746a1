import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { readAllAudio24k } from '../../src/audio/index.js';
import type { Codebooks } from '../../src/codebooks/codebooks.js';
import { dequantize } from '../../src/codebooks/dequantize.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { onnx } from '../../src/onnx/onnx-proto.js';
import { readModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import { loadModel } from '../../src/tokenizer/model-registry.js';
import { openTokenizer } from '../../src/tokenizer/open-tokenizer.js';
import { SHIPPED_MODEL_IDS } from '../../scripts/build-model/model-identity.js';
import { readEncoderWeights } from '../../scripts/build-model/read-weights.js';
import { makeWav, writeTemp } from '../unit/audio/audio-test-kit.js';
import { repoRoot } from '../support/paths.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';

const MODELS = join(repoRoot(), 'models');
const DIM = 72;

/** 3 s at 24 kHz: a 440 Hz tone, then white noise, then a 3 kHz tone under noise. */
function testSignal(): Float32Array {
  const next = mulberry32(5);
  return Float32Array.from({ length: 72_000 }, (_, i) => {
    const noise = next() * 2 - 1;
    if (i < 24_000) return 0.5 * Math.sin((2 * Math.PI * 440 * i) / 24_000);
    if (i < 48_000) return 0.3 * noise;
    return 0.4 * Math.sin((2 * Math.PI * 3000 * i) / 24_000) + 0.05 * noise;
  });
}

/** The model.onnx with the RVQ's input (standardised features) and its 15 residuals exposed as outputs. */
function withResidualOutputs(bytes: Uint8Array): { model: Uint8Array; names: string[] } {
  const model = onnx.ModelProto.decode(bytes);
  const nodes = model.graph!.node!;
  // The builder names a node's output `<name>_<counter>`: dot1_56 is the first stage's MatMul, residual3_84 a Sub.
  const producing = (prefix: string, op: string) => nodes.find((n) => n.opType === op && (n.output?.[0] ?? '').startsWith(prefix))!;
  const input = producing('dot1_', 'MatMul').input![0]!;
  const residuals = Array.from({ length: 15 }, (_, k) => producing(`residual${k + 1}_`, 'Sub').output![0]!);
  const names = [input, ...residuals];
  for (const name of names) model.graph!.output!.push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: 1 } } }));
  return { model: onnx.ModelProto.encode(model).finish(), names };
}

for (const id of SHIPPED_MODEL_IDS) describe(`the codebooks of ${id}`, () => {
  const onnxBytes = readFileSync(join(MODELS, id, 'model.onnx'));
  let codebooks: Codebooks;
  let matrix: CodeMatrix;
  let samples: Float32Array;

  before(async () => {
    const model = await loadModel(MODELS, id);
    codebooks = await readModelCodebooks(model);
    samples = await readAllAudio24k(writeTemp('tone-noise.wav', makeWav({ sampleRate: 24_000, encoding: 'float', bits: 32, channels: [testSignal()] })));
    const tokenizer = await openTokenizer(model);
    try {
      matrix = await tokenizer.encode(samples);
    } finally {
      await tokenizer.close();
    }
  });

  it('are named in the manifest and hold 16 × 2048 × 72 float32', () => {
    assert.deepEqual([codebooks.layers, codebooks.entries, codebooks.dim], [16, 2048, DIM]);
    assert.equal(matrix.frames, 38);
  });

  it('dequantize the codes of real audio to the sum of the centroids the ONNX graph chose, read from its initialisers', () => {
    const centroids = readEncoderWeights(onnxBytes).codebooks;
    const e = dequantize(matrix, codebooks);
    let worst = 0;
    for (let f = 0; f < matrix.frames; f++) {
      for (let d = 0; d < DIM; d++) {
        let sum = 0;
        let scale = 0;
        for (let l = 0; l < 16; l++) {
          const v = centroids[l]![matrix.tokens[f * 16 + l]! * DIM + d]!;
          sum += v;
          scale += Math.abs(v);
        }
        worst = Math.max(worst, Math.abs(e[f * DIM + d]! - sum) / Math.max(scale, 1e-30));
      }
    }
    assert.ok(worst <= 2 ** -23, `worst relative difference ${worst}`);
  });

  it('reconstruct the RVQ: the graph\'s input minus the partial sum over layers 1..k is its residual after stage k', async () => {
    const { model, names } = withResidualOutputs(onnxBytes);
    const session = await InferenceSession.create(model);
    try {
      const out = await session.run({ [session.inputNames[0]!]: new Tensor('float32', samples, [1, samples.length]) });
      const input = out[names[0]!]!.data as Float32Array;
      for (let k = 1; k <= 15; k++) {
        const residual = out[names[k]!]!.data as Float32Array;
        const partial = dequantize(matrix, codebooks, k);
        let worst = 0;
        for (let i = 0; i < residual.length; i++) worst = Math.max(worst, Math.abs(input[i]! - partial[i]! - residual[i]!));
        // The graph subtracts stage by stage in float32; the partial sum rounds once: a few ulps of |r|.
        assert.ok(worst < 1e-5, `stage ${k}: worst absolute difference ${worst}`);
      }
    } finally {
      await session.release();
    }
  });
});
