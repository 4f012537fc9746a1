import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { AudioDocument, CodeEmbeddingsDocument, IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { SHIPPED_MODEL_IDS } from '../../scripts/build-model/model-identity.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

const MODELS = parse('{ models { id isDefault family error } }');

interface Listed {
  models: { id: string; isDefault: boolean; family: string | null; error: string | null }[];
}

describe('the shipped reference encoders, v1 and the default v2', () => {
  let t: TestApp;
  let wav: string;

  /** Ingests the fixture WAV into `corpus` with `model` (null: the default) and returns its audio id. */
  const ingest = async (corpus: string, model: string | null): Promise<string> => {
    const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus, paths: [wav], model, concurrency: 1 })).ingestAudio;
    await t.app.services.audio.jobs.idle();
    const job = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob;
    assert.deepEqual(job.results.map((r) => r.status), ['INGESTED']);
    return String(job.results[0]!.audioIds[0]);
  };

  before(async () => {
    t = await createTestApp();
    wav = join(t.root, 'tone.wav');
    await writeWav(wav, testSignal(3.5, 24_000), 24_000);
  });
  after(() => t?.close());

  it('are both listed, loadable, and v2 is the default', async () => {
    const listed = dataOf(await execute<Listed, Record<string, unknown>>(t.app, MODELS, {})).models.filter((m) => m.family === 'tokenscope-reference');
    assert.deepEqual(listed, [
      { id: 'tokenscope-ref-v1', isDefault: false, family: 'tokenscope-reference', error: null },
      { id: 'tokenscope-ref-v2', isDefault: true, family: 'tokenscope-reference', error: null },
    ]);
  });

  it('both encode a WAV and dequantize its codes with their own codebooks; without a model the audio goes to v2', async () => {
    const embeddings = new Map<string, number[][]>();
    for (const model of [...SHIPPED_MODEL_IDS, null]) {
      const id = await ingest(`by-${model ?? 'default'}`, model);
      const audio = dataOf(await execute(t.app, AudioDocument, { id })).audio;
      assert.deepEqual([audio.model, audio.frameCount], [model ?? 'tokenscope-ref-v2', 44]);
      const codes = dataOf(await execute(t.app, CodeEmbeddingsDocument, { id, frameCount: 44 })).audio.codes;
      assert.equal(codes.embeddings.length, 44);
      assert.ok(codes.embeddings.every((e) => e.length === 72 && e.every(Number.isFinite)));
      embeddings.set(model ?? 'default', codes.embeddings);
    }
    assert.deepEqual(embeddings.get('default'), embeddings.get('tokenscope-ref-v2'));
    assert.notDeepEqual(embeddings.get('tokenscope-ref-v1'), embeddings.get('tokenscope-ref-v2'), 'two encoders, two sets of codebooks');
  });
});
