import assert from 'node:assert/strict';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from './graphql.js';
import type { TestApp } from './test-app.js';

/** The fixture model the audio tests encode with (test/fixtures/models). */
export const FIXTURE_MODEL = 'fixture-plain-audio';

/** Ingests a folder of audio through the API's job with the fixture model, asserts every file went in, returns the audio ids in file order. */
export async function ingestAudioFolder(t: TestApp, corpus: string, folder: string): Promise<number[]> {
  const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus, paths: [folder], model: FIXTURE_MODEL, concurrency: 1 })).ingestAudio;
  await t.app.services.audio.jobs.idle();
  const job = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob;
  assert.deepEqual(job.results.map((r) => r.status), job.results.map(() => 'INGESTED'));
  return job.results.map((r) => r.audioIds[0]!);
}
