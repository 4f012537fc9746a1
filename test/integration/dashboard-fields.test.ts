import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { FIXTURE_MODEL, ingestAudioFolder } from '../support/ingest-audio.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

// The fields the dashboard reads beyond the CLI's: windows and envelopes of a score curve, the media URL, the models.
const DETECT = parse(`query($id: ID!, $start: Int!, $count: Int, $buckets: Int!) {
  detect(audioId: $id, detector: {name: "interLayerSpread"}) {
    frameCount
    all: scores
    window: scores(startFrame: $start, frameCount: $count)
    scoreEnvelope(buckets: $buckets) { framesPerBucket min max }
  }
}`);
const AUDIO = parse('query($id: ID!) { audio(id: $id) { mediaUrl source { kind } } }');
const MODELS = parse('{ models { id isDefault family layout error } }');

interface Detected {
  detect: { frameCount: number; all: number[]; window: number[]; scoreEnvelope: { framesPerBucket: number; min: number[]; max: number[] } };
}

describe('dashboard fields', () => {
  let t: TestApp;
  let codesAudio: string;
  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models'), defaultModel: FIXTURE_MODEL });
    const file = await writeJsonl(join(t.root, 'one.jsonl'), [randomRows(seededRandom(3), 1000)]);
    const report = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'c', paths: [file], model: null, orientation: null, skipBadItems: false })).ingestCodes;
    codesAudio = String(report.files[0]!.audioIds[0]);
  });
  after(() => t.close());

  it('serves a window of the scores and an envelope that agree with the whole curve', async () => {
    const d = dataOf(await execute<Detected, Record<string, unknown>>(t.app, DETECT, { id: codesAudio, start: 990, count: 50, buckets: 300 })).detect;
    assert.equal(d.frameCount, 1000);
    assert.equal(d.all.length, 1000);
    assert.deepEqual(d.window, d.all.slice(990, 1000));
    assert.equal(d.scoreEnvelope.max.length, 300);
    assert.equal(Math.max(...d.scoreEnvelope.max), Math.max(...d.all));
    assert.equal(Math.min(...d.scoreEnvelope.min), Math.min(...d.all));
    const open = dataOf(await execute<Detected, Record<string, unknown>>(t.app, DETECT, { id: codesAudio, start: 400, count: null, buckets: 1 })).detect;
    assert.deepEqual(open.window, open.all.slice(400));
  });

  it('refuses a negative start, a zero count and too many buckets, naming the argument', async () => {
    for (const [vars, code, pattern] of [
      [{ start: -1, count: 5, buckets: 10 }, 'INVALID_ARGUMENT', /startFrame must be an integer ≥ 0; received -1/],
      [{ start: 0, count: 0, buckets: 10 }, 'INVALID_ARGUMENT', /frameCount must be an integer ≥ 1; received 0/],
      [{ start: 0, count: 5, buckets: 4097 }, 'LIMIT_EXCEEDED', /buckets may be at most 4096; received 4097/],
    ] as const) {
      onlyError(await execute(t.app, DETECT, { id: codesAudio, ...vars }), code, pattern);
    }
  });

  it('gives a media URL to audio encoded from a file and none to ingested codes', async () => {
    const folder = join(t.root, 'wav');
    await mkdir(folder);
    await writeWav(join(folder, 'a.wav'), testSignal(1, 16_000), 16_000);
    const [id] = await ingestAudioFolder(t, 'w', folder);
    const encoded = dataOf(await execute<{ audio: { mediaUrl: string | null } }, Record<string, unknown>>(t.app, AUDIO, { id: String(id) })).audio;
    assert.equal(encoded.mediaUrl, `/media/audio/${id}`);
    const codes = dataOf(await execute<{ audio: { mediaUrl: string | null } }, Record<string, unknown>>(t.app, AUDIO, { id: codesAudio })).audio;
    assert.equal(codes.mediaUrl, null);
  });

  it('lists the registered models with the default marked', async () => {
    const { models } = dataOf(await execute<{ models: { id: string; isDefault: boolean; family: string | null; error: string | null }[] }, Record<string, never>>(t.app, MODELS, {}));
    assert.deepEqual(models.map((m) => m.id), ['fixture-channel-waveform', 'fixture-masked-values', 'fixture-plain-audio']);
    assert.deepEqual(models.map((m) => m.isDefault), [false, false, true]);
    assert.deepEqual(models.map((m) => [m.family, m.error]), models.map(() => ['tokenscope-fixture', null]));
  });
});
