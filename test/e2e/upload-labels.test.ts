import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CorpusLabelsDocument } from '../../src/client/generated/graphql.js';
import { browserMissing, viewReady } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
import { dataOf, execute } from '../support/graphql.js';
import { serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes } from '../support/wav.js';

const skip = browserMissing();

describe('uploads with their label files in Chromium', { skip: skip ?? false, timeout: 180_000 }, () => {
  const h = useDashboardBrowser({ fixture: false, pagePerTest: false });
  let t: TestApp;
  let served: Served;

  before(async () => {
    t = await createTestApp({ uploadMaxBytes: 4 << 20 });
    await mkdir(join(t.root, 'uploads'), { recursive: true });
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  const labelsOf = async (corpus: string) => dataOf(await execute(t.app, CorpusLabelsDocument, { corpus, format: 'CSV' })).corpusLabels[0]!.content;

  for (const [kind, labelFile, expected] of [
    ['an Audacity track named like the audio', { name: 'tone.txt', mimeType: 'text/plain', buffer: Buffer.from('0.2\t0.6\tbeep\n1.0\t1.5\tbeep\n') }, 'file,start_s,end_s,label\ntone.wav,0.200000,0.600000,beep\ntone.wav,1.000000,1.500000,beep\n'],
    ['a DCASE label table', { name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from('filename,onset,offset,event_label\ntone.wav,0.5,1.25,whistle\n') }, 'file,start_s,end_s,label\ntone.wav,0.500000,1.250000,whistle\n'],
  ] as const) {
    it(`stores ${kind} dropped with its audio as the audio's labels`, async () => {
      const corpus = `labelled-${labelFile.name.split('.')[1]}`;
      const { page, errors } = await h.newPage();
      await page.goto(`${served.origin}/#/upload`);
      await viewReady(page);
      await page.fill('input[name="corpus"]', corpus);
      await page.setInputFiles('#upload-files', [{ name: 'tone.wav', mimeType: 'audio/wav', buffer: wavBytes([testSignal(2, 16_000)], 16_000) }, labelFile]);
      // One audio in without a failure: the view opens it, after the labels are stored.
      await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.startsWith('#/audio/'), undefined, { timeout: 60_000 });
      assert.equal(await labelsOf(corpus), expected);
      assert.deepEqual(errors, []);
    });
  }

  it('shows how many labels came with the audio, and the table import in its own row', async () => {
    const { page } = await h.newPage();
    await page.goto(`${served.origin}/#/upload`);
    await viewReady(page);
    await page.fill('input[name="corpus"]', 'two-audios');
    const tone = (seconds: number) => wavBytes([testSignal(seconds, 16_000, seconds)], 16_000);
    await page.setInputFiles('#upload-files', [
      { name: 'a.wav', mimeType: 'audio/wav', buffer: tone(1) },
      { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('0.1\t0.4\tx\n') },
      { name: 'b.wav', mimeType: 'audio/wav', buffer: tone(2) },
      { name: 'b.csv', mimeType: 'text/csv', buffer: Buffer.from('file,start_s,end_s,label\nb.wav,0.5,1,y\n') },
    ]);
    const status = (name: string) => page.locator(`table[aria-label="Uploads"] tr:has(td:text-is("${name}")) td:last-child`);
    await status('b.csv').getByText('labels imported: 1 spans for 1 audios').waitFor({ timeout: 60_000 });
    assert.match((await status('a.wav').textContent()) ?? '', /^ingested with 1 labels: open audio \d+$/);
    assert.equal(await status('a.txt').textContent(), 'stored: the labels of the audio of the same name');
    assert.equal(await labelsOf('two-audios'), 'file,start_s,end_s,label\na.wav,0.100000,0.400000,x\nb.wav,0.500000,1.000000,y\n');
  });
});

if (skip) console.log(`# upload label end-to-end tests skipped: ${skip}`);
