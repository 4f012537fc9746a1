import { mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { listen } from '../../src/api/server.js';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { loadSettings } from '../../src/config/settings.js';
import { createApp } from '../../src/main.js';
import type { App } from '../../src/main.js';
import { chromiumPath, launchChromium } from '../../test/support/browser.js';
import { execute } from '../../src/cli/execute.js';
import { integerOption } from '../integer-option.js';
import { describeMachine } from '../machine.js';
import { writeMarkedSection } from '../report.js';
import { summarise } from '../timing.js';
import { prepareOneHourAudio } from './one-hour-audio.js';
import { DASHBOARD_END, DASHBOARD_START, renderDashboardSection } from './report.js';
import type { BusyFigures, DashboardReport, FirstScreen, SummaryFigures } from './report.js';
import { SignalSummaries } from '../../src/api/signal-summaries.js';
import { summaryInWorker } from '../../src/signal/summary-in-worker.js';

const USAGE = 'usage: npm run bench:dashboard -- [--runs 10] [--seconds 3600] [--out docs/benchmarks.md | --no-write] [--source ../shared/corpus/mixtures] [--data bench/.data/dashboard]';

/** "Later" clicks timed after each first screen. */
const PANS = 8;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Loads the audio view of `audioId` in a fresh browser context (cold caches) and measures its first screen. */
async function firstScreen(page: Page, base: string, audioId: number): Promise<FirstScreen> {
  const operations: { name: string; bytes: number }[] = [];
  const pending: Promise<void>[] = [];
  let ready = false;
  page.on('response', (response) => {
    if (!response.url().endsWith('/graphql') || ready) return;
    const name = (JSON.parse(response.request().postData() ?? '{}') as { query?: string }).query?.match(/(?:query|mutation)\s+(\w+)/)?.[1] ?? '?';
    pending.push(response.body().then((b) => void operations.push({ name, bytes: b.length })));
  });
  await page.goto(`${base}#/audio/${audioId}`);
  await page.waitForSelector('#view[data-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('.signal-panel[data-state="drawn"]', { timeout: 60_000 });
  ready = true;
  await Promise.all(pending);
  const [heatmapMs, signalMs, frames] = await page.evaluate(() => {
    const g = globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number }[] }; document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } };
    const mark = (name: string) => g.performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return [mark('tokenscope:audio-painted'), mark('tokenscope:signal-painted'), Number(g.document.querySelector('canvas[data-chart="heatmap"]')?.getAttribute('data-frames'))] as const;
  });
  // Meaningful: the heatmap, the score curve, the waveform and the spectrogram all drawn.
  const paintMs = Math.max(heatmapMs, signalMs);
  const graphqlBytes = operations.reduce((n, o) => n + o.bytes, 0);
  // Then page forward: click "later" (half a window) and time until the next window is drawn.
  const pans: Pan[] = [];
  const playwrightPans: Pan[] = [];
  // Side by side: each way of timing a pan in turn.
  for (let k = 0; k < PANS; k++) {
    pans.push(await panOnce(page));
    playwrightPans.push(await panWithPlaywright(page));
  }
  return { paintMs, heatmapMs, signalMs, frames, graphqlBytes, operations, panMs: pans.map((p) => p.ms), playwrightPanMs: playwrightPans.map((p) => p.ms), signalFailures: [...pans, ...playwrightPans].filter((p) => p.signalFailed).length };
}

/** One pan: its milliseconds, and whether the signal panel failed for it instead of drawing. */
interface Pan {
  ms: number;
  signalFailed: boolean;
}

/**
 * Clicks "later" inside the page and times, by the page's own clock, from the click to the first
 * frame rendered after the heatmap and the waveform and spectrogram show the next window (or the
 * signal panel shows an error: a signal request past the server's time budget): a MutationObserver
 * sees the window change, then an animation frame and a task after it mark the frame as rendered.
 * This is what the user waits for; it leaves out Playwright's actionability checks (waiting for the
 * button to hold still over two frames) and its polling, which panWithPlaywright includes.
 */
async function panOnce(page: Page): Promise<Pan> {
  return page.evaluate(
    () =>
      new Promise<Pan>((resolve, reject) => {
        interface Node {
          getAttribute(a: string): string | null;
          click(): void;
        }
        const d = (globalThis as unknown as { document: { querySelector(s: string): Node | null } }).document;
        const g = globalThis as unknown as { requestAnimationFrame(f: () => void): void; setTimeout(f: () => void, ms: number): number; MutationObserver: new (f: () => void) => { observe(n: Node, o: object): void; disconnect(): void } };
        const view = d.querySelector('#view')!;
        const panel = d.querySelector('.signal-panel')!;
        const before = view.getAttribute('data-window-start');
        const state = (): 'drawn' | 'failed' | null => {
          const start = view.getAttribute('data-window-start');
          if (start === before) return null;
          if (panel.getAttribute('data-window-start') === start) return 'drawn';
          const s = panel.getAttribute('data-state');
          return s === 'error' || s === 'unavailable' ? 'failed' : null;
        };
        let done = false;
        const observer = new g.MutationObserver(() => finish());
        const give = g.setTimeout(() => {
          observer.disconnect();
          reject(new Error('a pan waited 180 s'));
        }, 180_000);
        function finish(): void {
          const s = state();
          if (!s || done) return;
          done = true;
          observer.disconnect();
          clearTimeout(give);
          g.requestAnimationFrame(() => g.setTimeout(() => resolve({ ms: performance.now() - t0, signalFailed: s === 'failed' }), 0));
        }
        observer.observe(view, { attributes: true, subtree: true, attributeFilter: ['data-window-start', 'data-state'] });
        const t0 = performance.now();
        d.querySelector('button[aria-label="later"]')!.click();
        finish(); // drawn in the click's own task, from data already here
      }),
  );
}

/**
 * Clicks "later" through Playwright and waits for the next window as above, timed from the
 * benchmark process: the figure earlier runs reported, with Playwright's round trips and checks in it.
 */
async function panWithPlaywright(page: Page): Promise<Pan> {
  const before = await page.getAttribute('#view', 'data-window-start');
  const t0 = performance.now();
  await page.click('button[aria-label="later"]');
  const handle = await page.waitForFunction((b) => {
    const d = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document;
    const start = d.querySelector('#view')?.getAttribute('data-window-start');
    if (start === b) return false;
    const panel = d.querySelector('.signal-panel');
    if (panel?.getAttribute('data-window-start') === start) return 'drawn';
    return panel?.getAttribute('data-state') === 'error' || panel?.getAttribute('data-state') === 'unavailable' ? 'failed' : false;
  }, before, { timeout: 180_000 }); // while the server's own thread encodes, one pan may wait for minutes: measure it, do not give up
  const ms = performance.now() - t0;
  return { ms, signalFailed: (await handle.jsonValue()) === 'failed' };
}

/**
 * Builds the waveform and spectrogram summary of the whole of `audioId`'s file on a fresh
 * SignalSummaries (as a cold server would): how long until the last window can be drawn, what the
 * summary holds, and the event loop's delay meanwhile.
 */
async function summaryBuild(app: App, audioId: number): Promise<SummaryFigures> {
  const summaries = new SignalSummaries(app.services.store, summaryInWorker(48_000));
  const row = await app.services.store.audios.require(audioId);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  await summaries.window(row, app.services.config.dataRoots, row.frameCount - 1, 1, 1);
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  return { seconds, bytes: summaries.bytes, eventLoopP99Ms: delay.percentile(99) / 1e6, eventLoopMaxMs: delay.max / 1e6 };
}

/**
 * A server (its own app, encoders in a worker thread or not) holding the audio; the audio view open
 * on it; then the same recording ingested again into another corpus while the view pans: what a
 * user browsing during an upload feels, and the server's event-loop delay meanwhile.
 */
async function pansWhileIngesting(browser: Browser, wav: string, data: string, inWorker: boolean): Promise<BusyFigures> {
  const app = await createApp(loadSettings({ dbPath: ':memory:', dataRoots: [data], host: '127.0.0.1', port: 0, apiKey: null, device: 'cpu', encodeInWorker: inWorker }));
  try {
    const audioId = await ingestOne(app, wav, 'view');
    const { server, dashboardUrl } = await listen(app.api, app.services, 0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${dashboardUrl}#/audio/${audioId}`);
      await page.waitForSelector('#view[data-ready="true"]', { timeout: 60_000 });
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const t0 = performance.now();
      const { data: job } = await execute(app, IngestAudioDocument, { corpus: 'busy', paths: [wav], model: null, concurrency: 1 });
      let busy = true;
      const finished = app.services.audio.jobs.idle().then(() => void (busy = false));
      const pans: Pan[] = [];
      while (busy) pans.push(await panOnce(page));
      await finished;
      delay.disable();
      const { data: done } = await execute(app, IngestJobDocument, { id: job.ingestAudio.id });
      if (done.ingestJob.results[0]?.status !== 'INGESTED') throw new Error(`the busy ingest failed: ${JSON.stringify(done.ingestJob)}`);
      return { inWorker, ingestSeconds: (performance.now() - t0) / 1000, pan: summarise(pans.map((p) => p.ms)), signalFailures: pans.filter((p) => p.signalFailed).length, eventLoopP99Ms: delay.percentile(99) / 1e6, eventLoopMaxMs: delay.max / 1e6 };
    } finally {
      await context.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    await app.close();
  }
}

/** Ingests `wav` into `corpus` and returns its audio id. */
async function ingestOne(app: App, wav: string, corpus: string): Promise<number> {
  const { data: started } = await execute(app, IngestAudioDocument, { corpus, paths: [wav], model: null, concurrency: 1 });
  await app.services.audio.jobs.idle();
  const { data: done } = await execute(app, IngestJobDocument, { id: started.ingestAudio.id });
  const result = done.ingestJob.results[0];
  if (!result || result.status !== 'INGESTED') throw new Error(`the benchmark audio did not ingest: ${JSON.stringify(done.ingestJob)}`);
  return result.audioIds[0]!;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '3600' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'no-write': { type: 'boolean', default: false },
      source: { type: 'string', default: '../shared/corpus/mixtures' },
      data: { type: 'string', default: 'bench/.data/dashboard' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const runs = integerOption('runs', values.runs, 1, USAGE);
  const seconds = integerOption('seconds', values.seconds, 10, USAGE);
  if (!chromiumPath()) throw new Error('no Chromium at /usr/bin/chromium: apt-get install chromium (or set TOKENSCOPE_CHROMIUM)');
  const data = resolve(values.data);
  mkdirSync(data, { recursive: true });
  const date = new Date().toISOString();
  const wav = await prepareOneHourAudio(data, resolve(values.source), seconds, log);

  // As `tokenscope serve` runs: encoders in worker threads.
  const settings = loadSettings({ dbPath: ':memory:', dataRoots: [data], host: '127.0.0.1', port: 0, apiKey: null, device: 'cpu', encodeInWorker: true });
  const app = await createApp(settings);
  const browser = await launchChromium();
  try {
    const machine = await describeMachine(app.services.store);
    log(`ingesting ${relative(process.cwd(), wav)} with the reference encoder`);
    const started = performance.now();
    const audioId = await ingestOne(app, wav, 'bench-dashboard');
    log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { server, dashboardUrl } = await listen(app.api, app.services, 0);
    const screens: FirstScreen[] = [];
    try {
      for (let run = 1; run <= runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        const screen = await firstScreen(page, dashboardUrl, audioId);
        await context.close();
        screens.push(screen);
        log(`run ${run}/${runs}: first meaningful paint ${screen.paintMs.toFixed(0)} ms (heatmap ${screen.heatmapMs.toFixed(0)} ms, waveform and spectrogram ${screen.signalMs.toFixed(0)} ms), pans p50 ${summarise(screen.panMs).p50.toFixed(0)} ms (through Playwright ${summarise(screen.playwrightPanMs).p50.toFixed(0)} ms; signal failed in ${screen.signalFailures}), ${screen.graphqlBytes} bytes of GraphQL (load ${loadavg()[0]!.toFixed(2)})`);
      }
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    const summary = await summaryBuild(app, audioId);
    log(`summary of the whole hour: ${summary.seconds.toFixed(1)} s, ${(summary.bytes / 1e6).toFixed(1)} MB; event loop p99 ${summary.eventLoopP99Ms.toFixed(0)} ms`);
    const busy: BusyFigures[] = [];
    for (const inWorker of [true, false]) {
      busy.push(await pansWhileIngesting(browser, wav, data, inWorker));
      const b = busy.at(-1)!;
      log(`pans while ingesting, encoder ${inWorker ? 'in a worker' : 'in the server thread'}: p50 ${b.pan.p50.toFixed(0)} ms, max ${b.pan.max.toFixed(0)} ms, signal failed in ${b.signalFailures} of ${b.pan.runs}; event loop p99 ${b.eventLoopP99Ms.toFixed(0)} ms`);
    }
    const report: DashboardReport = {
      date,
      machine,
      command: argv.length ? `npm run bench:dashboard -- ${argv.join(' ')}` : 'npm run bench:dashboard',
      audio: { path: relative(process.cwd(), wav), seconds, frames: Math.ceil((seconds * 24_000) / 1920), source: relative(process.cwd(), resolve(values.source)) },
      browser: browser.version(),
      bundleBytes: statSync(resolve('dist', 'web', 'assets', 'app.js')).size,
      paint: summarise(screens.map((s) => s.paintMs)),
      pan: summarise(screens.flatMap((s) => s.panMs)),
      playwrightPan: summarise(screens.flatMap((s) => s.playwrightPanMs)),
      firstRun: screens[0]!,
      screens,
      busy,
      summary,
      loadAverageAtEnd: loadavg()[0]!,
    };
    const section = renderDashboardSection(report);
    console.log(section);
    if (!values['no-write']) {
      writeMarkedSection(resolve(values.out), section, DASHBOARD_START, DASHBOARD_END);
      log(`wrote the dashboard section of ${values.out}`);
    }
  } finally {
    await browser.close();
    await app.close();
  }
}

await main();
