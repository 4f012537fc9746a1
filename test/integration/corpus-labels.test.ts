import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompareDetectorsDocument, CorpusLabelsDocument, ImportLabelsDocument, IngestAudioDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

describe('importing and exporting the labels of a corpus', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    const dir = join(t.root, 'audio');
    await mkdir(dir);
    await writeWav(join(dir, 'one.wav'), testSignal(3, 24000, 1), 24000);
    await writeWav(join(dir, 'two.wav'), testSignal(2, 24000, 2), 24000);
    await writeFile(join(dir, 'one.txt'), '0.5\t1\tcough\n');
    dataOf(await execute(t.app, IngestAudioDocument, { corpus: 'c', paths: [dir], model: 'fixture-plain-audio', concurrency: 1 }));
    await t.app.services.audio.jobs.idle();
  });
  after(async () => t.close());

  it('exports the labels imported at ingest as CSV and as Audacity tracks', async () => {
    const csv = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels;
    assert.deepEqual(csv.map((f) => [f.name, f.content]), [['labels.csv', 'file,start_s,end_s,label\none.wav,0.500000,1.000000,cough\n']]);
    const tracks = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'AUDACITY' })).corpusLabels;
    assert.deepEqual(tracks.map((f) => [f.name, f.content]), [['one.txt', '0.500000\t1.000000\tcough\n'], ['two.txt', '']]);
  });

  it('replaces the labels of the audios a CSV names, matching them by file name or stem', async () => {
    await writeFile(join(t.root, 'new.csv'), 'file,start_s,end_s,label\ntwo,0.2,0.4,knock\none.wav,1.5,2,laugh\none.wav,2.5,2.9,laugh\n');
    const r = dataOf(await execute(t.app, ImportLabelsDocument, { corpus: 'c', path: 'new.csv', format: 'CSV' })).importLabels;
    assert.deepEqual(r, { audios: 2, labels: 3 });
    const csv = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels[0]!.content;
    assert.equal(csv, 'file,start_s,end_s,label\none.wav,1.500000,2.000000,laugh\none.wav,2.500000,2.900000,laugh\ntwo.wav,0.200000,0.400000,knock\n');
  });

  it("imports a DCASE/sed_eval tab-separated list with its header by column name; a file named alone loses its labels", async () => {
    await writeFile(join(t.root, 'dcase.txt'), 'filename\tscene_label\tonset\toffset\tevent_label\naudio/one.wav\tstreet\t0.25\t0.75\tcar\ntwo.wav\n');
    const r = dataOf(await execute(t.app, ImportLabelsDocument, { corpus: 'c', path: 'dcase.txt', format: 'CSV' })).importLabels;
    assert.deepEqual(r, { audios: 2, labels: 1 });
    const csv = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels[0]!.content;
    assert.equal(csv, 'file,start_s,end_s,label\none.wav,0.250000,0.750000,car\n');
    await writeFile(join(t.root, 'restore.csv'), 'file,start_s,end_s,label\ntwo,0.2,0.4,knock\none.wav,1.5,2,laugh\none.wav,2.5,2.9,laugh\n');
    dataOf(await execute(t.app, ImportLabelsDocument, { corpus: 'c', path: 'restore.csv', format: 'CSV' }));
  });

  it('compares detectors against a label file without storing its labels', async () => {
    await writeFile(join(t.root, 'other.csv'), 'file,start_s,end_s,label\ntwo.wav,0.1,0.3,click\ntwo.wav,1,1.5,click\n');
    const before = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels[0]!.content;
    const run = dataOf(
      await execute(t.app, CompareDetectorsDocument, { corpus: 'c', detectors: [{ name: 'changeRate' }], bootstrap: 10, labels: 'other.csv', labelsFormat: 'CSV', model: null, name: null }),
    ).compareDetectors;
    assert.equal(run.eventCount, 2);
    assert.deepEqual(run.classes, ['click']);
    const after = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels[0]!.content;
    assert.equal(after, before);
  });

  describe('misuse', () => {
    for (const [name, row, code, pattern] of [
      ['a span past the end of the audio', 'two.wav,1.5,2.5,x', 'INVALID_LABELS', /ends after the audio \(2\.000 s\)/],
      ['a reversed span', 'two.wav,1.5,1.0,x', 'INVALID_LABELS', /ends before it starts/],
      ['an unknown file', 'three.wav,0,1,x', 'NOT_FOUND', /no audio of the corpus comes from "three\.wav"/],
    ] as const) {
      it(`refuses ${name} and changes nothing`, async () => {
        const before = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels[0]!.content;
        await writeFile(join(t.root, 'bad.csv'), `file,start_s,end_s,label\none.wav,0,0.5,ok\n${row}\n`);
        const r = await execute(t.app, ImportLabelsDocument, { corpus: 'c', path: 'bad.csv', format: 'CSV' });
        assert.equal(r.errors[0]?.extensions?.['code'], code);
        assert.match(r.errors[0]!.message, pattern);
        const after = dataOf(await execute(t.app, CorpusLabelsDocument, { corpus: 'c', format: 'CSV' })).corpusLabels[0]!.content;
        assert.equal(after, before);
      });
    }
  });
});
