/**
 * What both stability benches work on: the dev mixtures with their codes, the corpus's speech clips
 * (babble sources), and an encoder of tokenscope-ref-v2 from the encoder pool.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { EncoderPool } from '../../src/ingest/encoder-pool.js';
import type { PooledEncoder } from '../../src/ingest/encoder-pool.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { readPcm16Wav } from '../../scripts/build-model/wav.js';
import { MODEL_ID, mixtureNames, mixturesDir } from '../reference-decoder/mixture-codes.js';

export { MODEL_ID };

/** One dev mixture: its samples and its codes. */
export interface StabilityAudio {
  readonly name: string;
  readonly samples: Float32Array;
  readonly codes: CodeMatrix;
}

/** The encoder pool of the repository's models, opened on tokenscope-ref-v2 in this thread. */
export async function openReferenceEncoder(threads = 0): Promise<{ encoder: PooledEncoder; close: () => Promise<void> }> {
  const pool = new EncoderPool({ modelsDir: join(repoRoot(), 'models'), defaultModel: MODEL_ID, device: 'cpu', threads });
  return { encoder: await pool.get(), close: () => pool.close() };
}

/** The first `files` mixtures (name order), read and encoded. */
export async function readStabilityAudios(encoder: PooledEncoder, files = Infinity): Promise<StabilityAudio[]> {
  const out: StabilityAudio[] = [];
  for (const name of mixtureNames().slice(0, files)) {
    const samples = readPcm16Wav(join(mixturesDir(), name));
    out.push({ name, samples, codes: await encoder.encode(samples) });
  }
  return out;
}

/** Every clean speech clip of the corpus (`corpus/speech/<speaker>/*.wav`), speaker by speaker in name order. */
export function readSpeechClips(): { speaker: string; samples: Float32Array }[] {
  const dir = join(mixturesDir(), '..', 'speech');
  const out: { speaker: string; samples: Float32Array }[] = [];
  for (const speaker of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, speaker)).filter((f) => f.endsWith('.wav')).sort()) {
      out.push({ speaker, samples: readPcm16Wav(join(dir, speaker, file)) });
    }
  }
  return out;
}
