import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { browserMissing, paintedPixels, viewReady } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
import { dataOf, execute } from '../support/graphql.js';
import { wavBytes } from '../support/wav.js';

const skip = browserMissing();
const RATE = 24_000;
const LABELS = parse('query Labels($id: ID!) { audio(id: $id) { labels { label startSeconds endSeconds } } }');

/** 60 s of quiet noise with one loud 1 kHz tone at 41–42 s. */
function quietWithToneAt41(): Float32Array {
  let s = 7;
  return Float32Array.from({ length: 60 * RATE }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const noise = (s / 2147483648 - 0.5) * 0.02;
    return i >= 41 * RATE && i < 42 * RATE ? noise + 0.8 * Math.sin((2 * Math.PI * 1000 * i) / RATE) : noise;
  });
}

describe('audio view: waveform and spectrogram above the heatmap, in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  const h = useDashboardBrowser();

  let longAudio: number;

  before(async () => {
    const path = join(h.fx.t.root, 'quiet-with-tone.wav');
    await writeFile(path, wavBytes([quietWithToneAt41()], RATE));
    const { id } = dataOf(await execute(h.fx.t.app, IngestAudioDocument, { corpus: 'signal-e2e', paths: [path], model: null, concurrency: 1 })).ingestAudio;
    await h.fx.t.app.services.audio.jobs.idle();
    longAudio = dataOf(await execute(h.fx.t.app, IngestJobDocument, { id })).ingestJob.results[0]!.audioIds[0]!;
  });

  const panel = '.signal-panel';
  const attr = (name: string) => h.page.getAttribute(panel, name);
  /** Waits until the panel has drawn the window the heatmap shows. */
  const panelFollows = () => h.page.waitForFunction(() => {
    const d = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document;
    const start = d.querySelector('#view')?.getAttribute('data-window-start');
    return start != null && d.querySelector('.signal-panel')?.getAttribute('data-window-start') === start && d.querySelector('.signal-panel')?.getAttribute('data-state') === 'drawn';
  }, undefined, { timeout: 20_000 });

  it('draws both panels for a demo audio, its loudest column inside a labelled event\'s span, over that span\'s place on the heatmap', async () => {
    // demo_03.wav: a beep at 2.1–2.9 s louder than the speech around it.
    const id = h.fx.demoAudios[2]!;
    await h.page.goto(`${h.fx.base}#/audio/${id}`);
    await viewReady(h.page);
    await panelFollows();
    assert.ok((await paintedPixels(h.page, 'canvas[data-chart="waveform"]')) > 5_000, 'waveform drawn');
    assert.ok((await paintedPixels(h.page, 'canvas[data-chart="spectrogram"]')) > 50_000, 'spectrogram drawn');
    assert.ok(Number(await attr('data-columns')) > 500, 'about a column per pixel');
    const loudest = Number(await attr('data-loudest-seconds'));
    const labels = dataOf(await execute<{ audio: { labels: { label: string; startSeconds: number; endSeconds: number }[] } }, { id: string }>(h.fx.t.app, LABELS, { id: String(id) })).audio.labels;
    const inside = labels.find((l) => loudest >= l.startSeconds && loudest <= l.endSeconds);
    assert.ok(inside, `loudest column at ${loudest} s lies in a label span (${labels.map((l) => `${l.label} ${l.startSeconds}–${l.endSeconds}`).join(', ')})`);
    // The same place on screen: the label's span over the heatmap covers the loudest column's x.
    const span = h.page.locator(`.stage .span.label[data-start="${inside.startSeconds}"]`);
    const box = (await span.boundingBox())!;
    const canvas = (await h.page.locator('canvas[data-chart="waveform"]').boundingBox())!;
    const x = canvas.x + Number(await attr('data-loudest-x'));
    assert.ok(x >= box.x - 1 && x <= box.x + box.width + 1, `loudest column at x ${x}, label span ${box.x}–${box.x + box.width}`);
    await h.page.screenshot({ path: join(h.shots, 'audio-signal.png'), fullPage: true });
    assert.deepEqual(h.errors, []);
  });

  it('moves with the heatmap when panning: the tone at 41 s is drawn in the windows that hold it', async () => {
    await h.page.goto(`${h.fx.base}#/audio/${longAudio}?zoom=250`);
    await viewReady(h.page);
    await panelFollows();
    assert.equal(await attr('data-window-start'), '0');
    assert.ok(Number(await attr('data-loudest-seconds')) < 20);
    const starts: string[] = [];
    for (let k = 0; k < 3; k++) {
      await h.page.click('button[aria-label="later"]');
      await h.page.waitForFunction((prev) => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document.querySelector('#view')?.getAttribute('data-window-start') !== prev, starts.at(-1) ?? '0');
      await panelFollows();
      starts.push((await attr('data-window-start'))!);
    }
    assert.deepEqual(starts, ['125', '250', '375']);
    assert.equal(await attr('data-window-seconds'), '30.00-50.00');
    const loudest = Number(await attr('data-loudest-seconds'));
    assert.ok(loudest >= 41 && loudest <= 42, `loudest column at ${loudest} s, the tone is at 41–42 s`);
    // The tone lies 11.5 s into the 20 s window: about 57 % of the way across the plot.
    const fraction = await h.page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null; clientWidth: number } | null } }).document;
      return Number(d.querySelector('.signal-panel')!.getAttribute('data-loudest-x')) / d.querySelector('canvas[data-chart="waveform"]')!.clientWidth;
    });
    assert.ok(fraction > 0.5 && fraction < 0.65, `tone drawn at ${fraction} of the width`);
    assert.deepEqual(h.errors, []);
  });

  it('says why in text when the audio was ingested from codes', async () => {
    const codes = (await execute<{ audios: { nodes: { id: string }[] } }, Record<string, never>>(h.fx.t.app, parse('{ audios(corpus: "demo-events", first: 1) { nodes { id } } }'), {})).data!.audios.nodes[0]!.id;
    await h.page.goto(`${h.fx.base}#/audio/${codes}`);
    await viewReady(h.page);
    await h.page.waitForSelector('.signal-panel[data-state="unavailable"]');
    assert.equal(await attr('data-reason'), 'CODES_ONLY', "the API's reason (Audio.mediaUnavailable)");
    assert.equal(await h.page.textContent('.signal-message'), 'No waveform or spectrogram (CODES_ONLY): No original audio to play: this code matrix was ingested from codes computed elsewhere.');
    assert.equal(await h.page.isVisible('canvas[data-chart="waveform"]'), false);
  });

  it('says why in text when the original file lies outside the data roots', async () => {
    const config = h.fx.t.app.services.config;
    h.fx.t.app.services.config = { ...config, dataRoots: [h.fx.t.root] };
    try {
      await h.page.goto(`${h.fx.base}#/audio/${h.fx.demoAudios[0]}`);
      await viewReady(h.page);
      await h.page.waitForSelector('.signal-panel[data-state="unavailable"]');
      assert.equal(await attr('data-reason'), 'OUTSIDE_DATA_ROOTS', "the API's reason (Audio.mediaUnavailable)");
      assert.match((await h.page.textContent('.signal-message'))!, /^No waveform or spectrogram \(OUTSIDE_DATA_ROOTS\): The original audio cannot be played: its file lies outside the data roots; start the server with --data-root /);
    } finally {
      h.fx.t.app.services.config = config;
    }
  });

  it('has no serious or critical accessibility violations (axe-core) with the panels drawn', async () => {
    const { page: p } = await h.newPage({ bypassCSP: true });
    await p.goto(`${h.fx.base}#/audio/${h.fx.demoAudios[2]}`);
    await p.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
    await p.waitForSelector('.signal-panel[data-state="drawn"]', { timeout: 20_000 });
    await p.addScriptTag({ content: await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await p.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
      return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
    });
    assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), []);
  });
});

if (skip) console.log(`# audio-signal end-to-end tests skipped: ${skip}`);
