import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addModelDecoder } from '../../src/decoders/add-model-decoder.js';
import type { DecoderSpecOptions } from '../../src/decoders/inspect-decoder.js';
import type { LoadedModel } from '../../src/tokenizer/open-tokenizer.js';
import { repoRoot } from './paths.js';
import { writeFixtureDecoder, type FixtureDecoderOptions } from './fixture-decoders.js';

/** The fixture encoder the decoder tests attach decoders to. */
export const DECODER_TEST_MODEL = 'fixture-plain-audio';

/** A fresh models folder holding a copy of the fixture encoder `fixture-plain-audio`. */
export async function modelsDirWithEncoder(): Promise<string> {
  const modelsDir = await mkdtemp(join(tmpdir(), 'tokenscope-decoder-models-'));
  await cp(join(repoRoot(), 'test', 'fixtures', 'models', DECODER_TEST_MODEL), join(modelsDir, DECODER_TEST_MODEL), { recursive: true });
  return modelsDir;
}

/** A models folder whose `fixture-plain-audio` names a fixture decoder, added through `addModelDecoder`. */
export async function modelWithDecoder(fixture: FixtureDecoderOptions, options: DecoderSpecOptions = {}): Promise<{ modelsDir: string; model: LoadedModel }> {
  const modelsDir = await modelsDirWithEncoder();
  const { model } = await addModelDecoder(modelsDir, DECODER_TEST_MODEL, await writeFixtureDecoder(fixture), { ...options, copy: true });
  return { modelsDir, model };
}
