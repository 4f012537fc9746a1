import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { parse } from 'graphql';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { browserMissing, collectErrors, launchChromium, viewReady } from '../support/browser.js';
import { startDashboardFixture } from '../support/dashboard-fixture.js';
import type { DashboardFixture } from '../support/dashboard-fixture.js';
import { dataOf, execute } from '../support/graphql.js';
import { testSignal, wavBytes } from '../support/wav.js';

const skip = browserMissing();

/** What the server answers when a request runs past its time budget (RequestBudget), as the panel receives it. */
const BUDGET_REFUSAL = JSON.stringify({ errors: [{ message: 'request ran past its time budget of 10000 ms and its work was cancelled', extensions: { code: 'LIMIT_EXCEEDED' } }], data: null });

describe('signal panel: recovery after a failed request, and the API\'s reason for a refusal, in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  let fx: DashboardFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let longAudio: number;

  before(async () => {
    [fx, browser] = await Promise.all([startDashboardFixture(), launchChromium()]);
    const path = join(fx.t.root, 'minute.wav');
    await writeFile(path, wavBytes([testSignal(60, 24_000, 5)], 24_000));
    const { id } = dataOf(await execute(fx.t.app, IngestAudioDocument, { corpus: 'signal-recovery', paths: [path], model: null, concurrency: 1 })).ingestAudio;
    await fx.t.app.services.audio.jobs.idle();
    longAudio = dataOf(await execute(fx.t.app, IngestJobDocument, { id })).ingestJob.results[0]!.audioIds[0]!;
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = collectErrors(page);
  });
  afterEach(async () => {
    await context.close();
  });

  /** Routes the page's DashSignal requests to `answer` (the others go to the server), counting them. */
  /** Answers the page's signal requests with `answer`; counts them, in all and by the block's first frame. */
  async function interceptSignals(answer: (route: Route, n: number) => Promise<void>): Promise<{ count(): number; countAt(startFrame: number): number }> {
    let n = 0;
    const at = new Map<number, number>();
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('query DashSignal')) return route.continue();
      const startFrame = (JSON.parse(body) as { variables: { startFrame: number } }).variables.startFrame;
      at.set(startFrame, (at.get(startFrame) ?? 0) + 1);
      await answer(route, n++);
    });
    return { count: () => n, countAt: (startFrame) => at.get(startFrame) ?? 0 };
  }

  const attr = (name: string) => page.getAttribute('.signal-panel', name);
  const windowStart = () => page.getAttribute('#view', 'data-window-start');
  /** Waits until the panel has drawn the window the heatmap shows. */
  const panelFollows = () =>
    page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document;
      const start = d.querySelector('#view')?.getAttribute('data-window-start');
      return start != null && d.querySelector('.signal-panel')?.getAttribute('data-window-start') === start && d.querySelector('.signal-panel')?.getAttribute('data-state') === 'drawn';
    }, undefined, { timeout: 20_000 });

  it('draws on the next pan a window whose signal requests were refused (time budget) while the server was busy', async () => {
    let busy = true;
    await interceptSignals((route) => (busy ? route.fulfill({ status: 200, contentType: 'application/json', body: BUDGET_REFUSAL }) : route.continue()));
    await page.goto(`${fx.base}#/audio/${longAudio}?zoom=250`);
    await viewReady(page);
    await page.waitForSelector('.signal-panel[data-state="error"][data-retries-left="0"]', { timeout: 20_000 });
    assert.equal(await attr('data-code'), 'LIMIT_EXCEEDED');
    assert.match((await page.textContent('.signal-message'))!, /No waveform or spectrogram \(LIMIT_EXCEEDED\): request ran past its time budget/);
    busy = false;
    await page.click('button[aria-label="later"]');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('#view')?.getAttribute('data-window-start') !== '0');
    await panelFollows();
    assert.equal(await attr('data-window-start'), await windowStart());
    assert.equal(await page.isVisible('canvas[data-chart="waveform"]'), true);
    assert.equal(await page.isVisible('.signal-message'), false);
    assert.deepEqual(errors.filter((e) => !/status of 200|Failed to load resource/.test(e)), []);
  });

  it('tries a window again by itself after a dropped connection, and draws it when an answer comes, with no pan', async () => {
    let dropping = true;
    const signals = await interceptSignals((route) => (dropping ? route.abort('connectionreset') : route.continue()));
    await page.goto(`${fx.base}#/audio/${longAudio}?zoom=250`);
    await viewReady(page);
    await page.waitForSelector('.signal-panel[data-state="error"]', { timeout: 20_000 });
    assert.equal(await attr('data-code'), 'NETWORK');
    const failed = signals.count();
    dropping = false;
    await panelFollows();
    assert.equal(await attr('data-window-start'), '0');
    assert.ok(signals.count() > failed, 'asked again');
    assert.equal(await attr('data-code'), null);
  });

  it('stops asking after retries run out on a server that keeps failing: each window is asked for at most 1 + retries times', async () => {
    const signals = await interceptSignals((route) => route.abort('connectionreset'));
    await page.goto(`${fx.base}#/audio/${longAudio}?zoom=250`);
    await viewReady(page);
    await page.waitForSelector('.signal-panel[data-state="error"][data-retries-left="0"]', { timeout: 20_000 });
    assert.equal(await attr('data-code'), 'NETWORK');
    // The first window is two blocks (half a window each, from frames 0 and 125): each asked for by
    // the view's early prefetch, then by the first try and each retry. The neighbouring windows'
    // blocks are asked for once, with the first try (windows of 250 frames: up to frame 750).
    for (const block of [0, 125]) {
      const asked = signals.countAt(block);
      assert.ok(asked >= 3 && asked <= 4, `block at frame ${block} asked ${asked} times`);
    }
    for (const block of [250, 375, 500, 625]) assert.ok(signals.countAt(block) <= 2, `neighbouring block at frame ${block} asked ${signals.countAt(block)} times`);
    assert.ok(signals.count() <= 2 * 4 + 4 * 2, `asked ${signals.count()} times in all`);
  });

  it('sends no retry still waiting when the view is left', async () => {
    const signals = await interceptSignals((route) => route.abort('connectionreset'));
    await page.goto(`${fx.base}#/audio/${longAudio}?zoom=250`);
    await viewReady(page);
    await page.waitForSelector('.signal-panel[data-state="error"][data-retries-left="2"]', { timeout: 20_000 });
    await page.goto(`${fx.base}#/corpora`);
    await viewReady(page);
    const left = signals.count();
    // The first retry was due 1 s after the failure.
    await page.waitForTimeout(1_500);
    assert.equal(signals.count(), left, 'no signal request after leaving the audio view');
  });

  it("shows the API's reason once for an audio with no original, and asks for no signal after it", async () => {
    const codes = (await execute<{ audios: { nodes: { id: string }[] } }, Record<string, never>>(fx.t.app, parse('{ audios(corpus: "demo-events", first: 1) { nodes { id } } }'), {})).data!.audios.nodes[0]!.id;
    const signals = await interceptSignals((route) => route.continue());
    await page.goto(`${fx.base}#/audio/${codes}?zoom=250`);
    await viewReady(page);
    await page.waitForSelector('.signal-panel[data-state="unavailable"]');
    assert.equal(await attr('data-reason'), 'CODES_ONLY');
    assert.equal(await page.textContent('.signal-message'), 'No waveform or spectrogram (CODES_ONLY): No original audio to play: this code matrix was ingested from codes computed elsewhere.');
    assert.equal(await page.isVisible('canvas[data-chart="waveform"]'), false);
    const frameCount = dataOf(await execute<{ audio: { frameCount: number } }, { id: string }>(fx.t.app, parse('query F($id: ID!) { audio(id: $id) { frameCount } }'), { id: codes })).audio.frameCount;
    assert.ok(frameCount > 250, `the codes audio (${frameCount} frames) is longer than the 20 s window`);
    const before = signals.count();
    await page.click('button[aria-label="later"]');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('#view')?.getAttribute('data-window-start') !== '0');
    assert.equal(signals.count(), before, 'no signal request once the API said why');
    assert.equal(await page.locator('.signal-message').count(), 1);
  });
});

if (skip) console.log(`# signal-recovery end-to-end tests skipped: ${skip}`);
