import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DetectDocument, IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { writeWav } from '../support/wav.js';

const RATE = 24000;

/** 8 s of a quiet 220 Hz hum with faint noise; a white-noise "burst" and a 3 kHz "beep" at the given seconds. */
function recording(seed: number, burst: number, beep: number): Float32Array {
  const out = new Float32Array(8 * RATE);
  let s = seed;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    out[i] = 0.05 * Math.sin(2 * Math.PI * 220 * t) + 0.01 * noise();
    if (t >= burst && t < burst + 0.5) out[i]! += 0.6 * noise();
    if (t >= beep && t < beep + 0.5) out[i]! += 0.3 * Math.sin(2 * Math.PI * 3000 * t);
  }
  return out;
}

async function ingest(t: TestApp, corpus: string, folder: string): Promise<number[]> {
  // No model given: the default reference encoder, whose codebooks ship with it.
  const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus, paths: [folder], concurrency: 1 })).ingestAudio;
  await t.app.services.audio.jobs.idle();
  const job = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob;
  assert.deepEqual(job.results.map((r) => r.status), job.results.map(() => 'INGESTED'));
  return job.results.map((r) => r.audioIds[0]!);
}

describe('eventClassifier on audio encoded by the reference encoder, through the API', () => {
  let t: TestApp;
  let scored: number;
  before(async () => {
    t = await createTestApp();
    const train = join(t.root, 'train');
    await mkdir(train);
    const placements: [number, number][] = [[1, 4], [5.5, 2], [3, 6.5], [6, 1.5], [2, 5]];
    for (const [i, [burst, beep]] of placements.entries()) {
      await writeWav(join(train, `r${i}.wav`), recording(11 + i, burst, beep), RATE);
      await writeFile(join(train, `r${i}.txt`), `${burst}\t${burst + 0.5}\tburst\n${beep}\t${beep + 0.5}\tbeep\n`);
    }
    await ingest(t, 'train', train);
    const other = join(t.root, 'other');
    await mkdir(other);
    await writeWav(join(other, 'x.wav'), recording(99, 2, 5), RATE);
    [scored] = await ingest(t, 'other', other);
  });
  after(async () => t?.close());

  it('finds the burst and the beep of an unseen recording, each with its class', async () => {
    const d = dataOf(await execute(t.app, DetectDocument, { audioId: String(scored), detector: { name: 'eventClassifier', params: { training: 'train' } } })).detect;
    const events = d.anomalies.map((a) => ({ label: a.label, start: a.startSeconds, end: a.endSeconds, p: a.probability! }));
    assert.deepEqual(events.map((e) => e.label), ['burst', 'beep'], JSON.stringify(events));
    const [burst, beep] = events;
    assert.ok(burst!.start <= 2.1 && burst!.end >= 2.4, `burst at ${burst!.start}–${burst!.end}`);
    assert.ok(beep!.start <= 5.1 && beep!.end >= 5.4, `beep at ${beep!.start}–${beep!.end}`);
    for (const e of events) assert.ok(e.p > 0.5 && e.p <= 1, `probability ${e.p}`);
    assert.ok(d.scores.every((s) => s >= 0 && s <= 1));
  });

  it('answers NOT_FOUND for an unknown training corpus and INVALID_ARGUMENT for an unlabelled one', async () => {
    onlyError(await execute(t.app, DetectDocument, { audioId: String(scored), detector: { name: 'eventClassifier', params: { training: 'nope' } } }), 'NOT_FOUND', /nope/);
    onlyError(await execute(t.app, DetectDocument, { audioId: String(scored), detector: { name: 'eventClassifier', params: { training: 'other' } } }), 'INVALID_ARGUMENT', /training corpus other holds no labelled frame/);
  });
});
