/**
 * The dev mixtures and their tokenscope-ref-v2 codes, plus what decoding them needs: the model's
 * codebooks and standardisation, and an encoder session to re-encode reconstructions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Codebooks } from '../../src/codebooks/codebooks.js';
import { parseNpyCodebooks } from '../../src/codebooks/read-npy-codebooks.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { readReferenceNormalisation } from '../../src/decoders/reference/reference-normalisation.js';
import type { FeatureNormalisation } from '../../src/decoders/reference/reference-normalisation.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { readPcm16Wav } from '../../scripts/build-model/wav.js';

/** The model every figure is for. */
export const MODEL_ID = 'tokenscope-ref-v2';

/** One mixture: its samples and codes. */
export interface Mixture {
  readonly name: string;
  readonly samples: Float32Array;
  readonly codes: CodeMatrix;
}

/** The reference model's pieces a decode and a re-encode need. */
export interface ReferenceKit {
  readonly codebooks: Codebooks;
  readonly norm: FeatureNormalisation;
  /** Codes of `samples` (ceil(length / 1920) frames). */
  encode(samples: Float32Array): Promise<CodeMatrix>;
  release(): Promise<void>;
}

/** The corpus's mixtures folder: $TOKENSCOPE_SHARED/corpus/mixtures, else ../shared beside the repository. */
export function mixturesDir(): string {
  return join(process.env['TOKENSCOPE_SHARED'] ?? join(repoRoot(), '..', 'shared'), 'corpus', 'mixtures');
}

/** Opens tokenscope-ref-v2 from models/. */
export async function openReferenceKit(): Promise<ReferenceKit> {
  const dir = join(repoRoot(), 'models', MODEL_ID);
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'));
  return {
    codebooks: parseNpyCodebooks(readFileSync(join(dir, 'codebooks.npy')), join(dir, 'codebooks.npy')),
    norm: await readReferenceNormalisation(join(dir, 'model.onnx')),
    async encode(samples) {
      const out = await session.run({ audio: new ort.Tensor('float32', samples, [1, samples.length]) });
      return codeMatrix(Uint16Array.from(out['codes']!.data as BigInt64Array, Number));
    },
    release: () => session.release(),
  };
}

/** The mixtures' WAV file names, sorted. */
export function mixtureNames(dir = mixturesDir()): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.wav')).sort();
}

/** Reads and encodes the mixtures named. */
export async function readMixtures(kit: ReferenceKit, names: readonly string[], dir = mixturesDir()): Promise<Mixture[]> {
  const out: Mixture[] = [];
  for (const name of names) {
    const samples = readPcm16Wav(join(dir, name));
    out.push({ name, samples, codes: await kit.encode(samples) });
  }
  return out;
}
