import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AudioDocument, IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import type { IngestJobQuery } from '../../src/client/generated/graphql.js';
import { ingestAudioFiles } from '../../src/ingest/ingest-audio-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes, writeWav } from '../support/wav.js';

const MODEL = 'fixture-plain-audio';

/** The fixture model's codes (see scripts/fixtures/make-fixture-models.ts): per frame and layer, floor(min(max |x| over 120 samples, 1) × 2047). */
function fixtureCodes(x: Float32Array): number[] {
  const frames = Math.ceil(x.length / 1920);
  const out: number[] = [];
  for (let f = 0; f < frames; f++) {
    for (let l = 0; l < 16; l++) {
      let peak = 0;
      for (let i = 0; i < 120; i++) peak = Math.max(peak, Math.abs(x[f * 1920 + l * 120 + i] ?? 0));
      out.push(Math.floor(Math.min(peak, 1) * 2047));
    }
  }
  return out;
}

async function runJob(t: TestApp, corpus: string, paths: string[]): Promise<IngestJobQuery['ingestJob']> {
  const started = dataOf(await execute(t.app, IngestAudioDocument, { corpus, paths, model: MODEL, concurrency: 2 })).ingestAudio;
  await t.app.services.audio.jobs.idle();
  return dataOf(await execute(t.app, IngestJobDocument, { id: started.id })).ingestJob;
}

describe('ingesting audio through the API', () => {
  let t: TestApp;
  let dir: string;
  const tone = testSignal(3.5, 24000);
  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    dir = join(t.root, 'audio');
    await mkdir(dir);
    await writeWav(join(dir, 'good.wav'), tone, 24000);
    await writeFile(join(dir, 'good.txt'), '0.5\t1.25\tcough\n2\t2.1\tclick\n');
    await writeFile(join(dir, 'zero.wav'), Buffer.alloc(0));
    await writeFile(join(dir, 'text.wav'), 'this is not audio at all, just text\n'.repeat(20));
    await writeFile(join(dir, 'truncated.wav'), wavBytes([tone], 24000).subarray(0, 30));
    await writeWav(join(dir, 'badlabels.wav'), tone, 24000);
    await writeFile(join(dir, 'badlabels.txt'), '3\t9\tcough\n');
  });
  after(async () => t.close());

  it('stores the good file with its codes and labels and reports each bad file by name, storing nothing of it', async () => {
    const job = await runJob(t, 'mixed', [dir]);
    assert.equal(job.phase, 'SUCCEEDED');
    assert.equal(job.filesTotal, 5);
    const byName = new Map(job.results.map((r) => [r.path.split('/').at(-1)!, r]));
    assert.equal(byName.get('good.wav')!.status, 'INGESTED');
    for (const [name, code, pattern] of [
      ['zero.wav', 'INVALID_AUDIO', /zero\.wav/],
      ['text.wav', 'INVALID_AUDIO', /text\.wav: .*not .*audio/i],
      ['truncated.wav', 'INVALID_AUDIO', /truncated\.wav/],
      ['badlabels.wav', 'INVALID_LABELS', /badlabels\.txt: label 1 \(cough 3–9 s\) ends after the audio \(3\.500 s\)/],
    ] as const) {
      const r = byName.get(name)!;
      assert.equal(r.status, 'FAILED', name);
      assert.equal(r.errors[0]!.code, code, `${name}: ${r.errors[0]!.message}`);
      assert.match(r.errors[0]!.message, pattern);
    }
    const corpora = await t.app.store.corpora.requireByNames(['mixed']);
    assert.equal((await t.app.store.corpora.summaries([corpora[0]!.id]))[0]!.audioCount, 1);

    const id = byName.get('good.wav')!.audioIds[0]!;
    const audio = dataOf(await execute(t.app, AudioDocument, { id: String(id) })).audio;
    assert.equal(audio.model, MODEL);
    assert.equal(audio.frameCount, Math.ceil(3.5 * 24000 / 1920));
    const matrix = await t.app.store.audios.window(id, 0, 100);
    assert.deepEqual(Array.from(matrix.tokens), fixtureCodes(Float32Array.from(tone, (v) => Math.round(v * 32767) / 32768)));
    assert.deepEqual(await t.app.store.audios.labels([id]), new Map([[id, [{ start: 0.5, end: 1.25, label: 'cough' }, { start: 2, end: 2.1, label: 'click' }]]]));
  });

  it('stores nothing twice when the same files are ingested again', async () => {
    const job = await runJob(t, 'mixed', [join(dir, 'good.wav')]);
    assert.equal(job.results[0]!.status, 'ALREADY_PRESENT');
  });

  it('resumes after an interruption: files stored before stay, the rest are done on the next run', async () => {
    const many = join(t.root, 'many');
    await mkdir(many);
    for (let i = 0; i < 4; i++) await writeWav(join(many, `f${i}.wav`), testSignal(1.2 + 0.1 * i, 16000, i + 2), 16000);
    const { audio } = t.app.services;
    let done = 0;
    // As Ctrl-C does: stop after two files; the file in hand finishes, no new one starts.
    const first = await ingestAudioFiles(t.app.store, [many], audio.input, await audio.encoders.get(MODEL), { corpus: 'resume', onFile: () => done++, shouldStop: () => done >= 2 });
    assert.deepEqual(first.map((r) => r.status), ['ingested', 'ingested']);
    const second = await runJob(t, 'resume', [many]);
    assert.deepEqual(second.results.map((r) => r.status), ['ALREADY_PRESENT', 'ALREADY_PRESENT', 'INGESTED', 'INGESTED']);
  });

  it('leaves no empty corpus behind when every file of a batch into a new corpus fails, and keeps an existing one', async () => {
    const bad = [join(dir, 'zero.wav'), join(dir, 'text.wav')];
    const job = await runJob(t, 'all-failed', bad);
    assert.deepEqual(job.results.map((r) => r.status), ['FAILED', 'FAILED']);
    assert.equal((await t.app.store.corpora.findByNames(['all-failed'])).length, 0);
    await runJob(t, 'kept', [join(dir, 'good.wav')]);
    await runJob(t, 'kept', bad);
    assert.equal((await t.app.store.corpora.findByNames(['kept'])).length, 1, 'a corpus that existed before stays');
  });

  describe('misuse', () => {
    it('refuses a path outside the data roots and a symlink escaping them at once', async () => {
      const outside = await execute(t.app, IngestAudioDocument, { corpus: 'x', paths: ['/etc/hostname'], model: MODEL, concurrency: 1 });
      assert.equal(outside.errors[0]!.extensions!['code'], 'PATH_OUTSIDE_ROOTS');
      await symlink('/etc', join(t.root, 'escape'));
      const escaped = await execute(t.app, IngestAudioDocument, { corpus: 'x', paths: ['escape/hostname'], model: MODEL, concurrency: 1 });
      assert.equal(escaped.errors[0]!.extensions!['code'], 'PATH_OUTSIDE_ROOTS');
      assert.match(escaped.errors[0]!.message, /symlink/);
    });

    it('refuses an unknown model naming the registered ones', async () => {
      const r = await execute(t.app, IngestAudioDocument, { corpus: 'x', paths: [dir], model: 'nope', concurrency: 1 });
      assert.equal(r.errors[0]!.extensions!['code'], 'NOT_FOUND');
      assert.match(r.errors[0]!.message, /nope/);
    });

    it('refuses a concurrency above 8', async () => {
      const r = await execute(t.app, IngestAudioDocument, { corpus: 'x', paths: [dir], model: MODEL, concurrency: 9 });
      assert.equal(r.errors[0]!.extensions!['code'], 'LIMIT_EXCEEDED');
    });
  });
});
