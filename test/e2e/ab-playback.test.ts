import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { browserMissing, collectErrors, launchChromium, viewReady } from '../support/browser.js';
import { dataOf, execute } from '../support/graphql.js';
import { serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes } from '../support/wav.js';

const skip = browserMissing();

interface Media {
  currentTime: number;
  currentSrc: string;
  readyState: number;
}
type Page = { document: { querySelector(s: string): unknown } };

describe('A/B playback in the audio view (Chromium)', { skip: skip ?? false, timeout: 120_000 }, () => {
  let t: TestApp;
  let served: Served;
  let browser: Browser;
  let audioId: number;

  before(async () => {
    t = await createTestApp();
    const folder = join(t.root, 'ab');
    await mkdir(folder);
    await writeFile(join(folder, 'ab.wav'), wavBytes([testSignal(6, 24000)], 24000));
    const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus: 'ab', paths: [folder], model: null, concurrency: 1 })).ingestAudio;
    await t.app.services.audio.jobs.idle();
    audioId = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob.results[0]!.audioIds[0]!;
    [served, browser] = await Promise.all([serve(t.app), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await served?.close();
    await t?.close();
  });

  it('switches original ⇄ reconstruction at the same position, plays layers 1–k, and draws the cursor on the waveform and the heatmap', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${served.origin}/#/audio/${audioId}`);
      await viewReady(page);
      await page.waitForSelector('.ab-player[data-side="original"]');
      const media = () => page.$eval('audio', (el) => ({ currentTime: (el as unknown as Media).currentTime, src: (el as unknown as Media).currentSrc, ready: (el as unknown as Media).readyState }));
      await page.waitForFunction(() => ((globalThis as unknown as Page).document.querySelector('audio') as Media).readyState >= 1);
      // Paused at 3.5 s: the cursor stands on both panels.
      await page.$eval('audio', (el) => void ((el as unknown as Media).currentTime = 3.5));
      await page.waitForFunction(() => !((globalThis as unknown as Page).document.querySelector('.signal-panel .cursor') as { hidden: boolean }).hidden);
      // Setting currentTime returns at once; the view moves both cursors when its 'seeked' handler
      // runs (data-position says where they were last put). Until then both still stand at 0 and
      // equal, so wait for the position, then read both cursors in one evaluation.
      await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { dataset: Record<string, string | undefined> } | null } }).document.getElementById('view')?.dataset['position'] === '3.500', undefined, { timeout: 20_000, polling: 100 });
      const at = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { hidden: boolean; style: { left: string } } | null; getElementById(id: string): { dataset: Record<string, string | undefined> } | null } }).document;
        const wave = doc.querySelector('.signal-panel .cursor');
        const heat = doc.querySelector('.stage .cursor');
        return { position: doc.getElementById('view')?.dataset['position'], wave: wave && !wave.hidden ? wave.style.left : null, heat: heat && !heat.hidden ? heat.style.left : null };
      });
      assert.ok(at.wave !== null && at.heat !== null, `both cursors shown at 3.5 s: ${JSON.stringify(at)}`);
      assert.equal(at.wave, at.heat, `one x for both cursors: ${JSON.stringify(at)}`);
      await page.click('.ab-toggle');
      await page.waitForSelector('.ab-player[data-side="reconstruction"][data-layers="16"]');
      await page.waitForFunction(() => {
        const m = (globalThis as unknown as Page).document.querySelector('audio') as Media;
        return m.readyState >= 1 && Math.abs(m.currentTime - 3.5) < 0.01;
      });
      const rec = await media();
      assert.match(rec.src, new RegExp(`/media/reconstruction/${audioId}$`));
      await page.selectOption('select[aria-label="layers of the reconstruction"]', '4');
      await page.waitForSelector('.ab-player[data-side="reconstruction"][data-layers="4"]');
      await page.waitForFunction(() => {
        const m = (globalThis as unknown as Page).document.querySelector('audio') as Media;
        return m.currentSrc.endsWith('?layers=1-4') && m.readyState >= 1 && Math.abs(m.currentTime - 3.5) < 0.01;
      });
      assert.match(page.url(), /listen=reconstruction/);
      assert.match(page.url(), /layers=4/);
      await page.click('.ab-toggle');
      await page.waitForSelector('.ab-player[data-side="original"]');
      await page.waitForFunction(() => {
        const m = (globalThis as unknown as Page).document.querySelector('audio') as Media;
        return m.currentSrc.includes('/media/audio/') && m.readyState >= 1 && Math.abs(m.currentTime - 3.5) < 0.01;
      });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
