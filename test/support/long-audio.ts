import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import type { DashboardFixture } from './dashboard-fixture.js';
import { dataOf, execute } from './graphql.js';
import { testSignal, wavBytes } from './wav.js';

/** Labels beside the long audio: one early, one in the middle, one late (with a long class name). */
export const LONG_LABELS = [
  { start: 2, end: 3.5, label: 'dog' },
  { start: 31, end: 33, label: 'siren' },
  { start: 60, end: 61.5, label: 'door_knock_with_a_long_class_name' },
] as const;

/** Seconds of the long audio: longer than the 20 s and 1 min windows, so the view pans. */
export const LONG_SECONDS = 75;

/** The extra audios the audio-view tests need, in the fixture's corpus `audio-view`. */
export interface AudioViewAudios {
  /** A 75 s WAV with LONG_LABELS beside it. */
  long: number;
  /** A WAV whose file was deleted after the ingest: it cannot be played. */
  missing: number;
}

/** Writes and ingests the audio-view tests' audios into the fixture's data root (the shipped reference encoder). */
export async function addAudioViewAudios(fx: DashboardFixture): Promise<AudioViewAudios> {
  const folder = join(fx.t.root, 'audio-view');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'long.wav'), wavBytes([testSignal(LONG_SECONDS, 16_000, 9)], 16_000));
  await writeFile(join(folder, 'long.txt'), LONG_LABELS.map((l) => `${l.start}\t${l.end}\t${l.label}\n`).join(''));
  await writeFile(join(folder, 'gone.wav'), wavBytes([testSignal(4, 16_000, 10)], 16_000));
  const { id } = dataOf(await execute(fx.t.app, IngestAudioDocument, { corpus: 'audio-view', paths: [folder], model: null, concurrency: 1 })).ingestAudio;
  await fx.t.app.services.audio.jobs.idle();
  const job = dataOf(await execute(fx.t.app, IngestJobDocument, { id })).ingestJob;
  const idOf = (name: string) => {
    const r = job.results.find((x) => x.path.endsWith(name));
    if (!r || r.status !== 'INGESTED') throw new Error(`${name} did not ingest: ${JSON.stringify(job.results)}`);
    return r.audioIds[0]!;
  };
  const audios = { long: idOf('long.wav'), missing: idOf('gone.wav') };
  await unlink(join(folder, 'gone.wav'));
  return audios;
}
