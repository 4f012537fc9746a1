import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { browserMissing, paintedPixels, viewReady } from '../support/browser.js';
import type { PageGlobals } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
import { testSignal, wavBytes } from '../support/wav.js';

const skip = browserMissing();

describe('dashboard in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  const h = useDashboardBrowser({ permissions: ['clipboard-read', 'clipboard-write'] });

  it('corpus view: lists the corpora and draws variance, entropy and utilisation by layer for two corpora side by side', async () => {
    await h.open('#/corpora?compare=demo-audio,demo-events');
    const rows = await h.page.$$eval('table[aria-label="Corpora"] tbody tr', (trs) => trs.map((tr) => tr.children[1]!.textContent));
    assert.deepEqual(rows, ['demo-audio', 'demo-events', 'demo-speech']);
    for (const metric of ['variance', 'entropyBits', 'utilisation']) {
      const canvas = `canvas[data-metric="${metric}"]`;
      assert.equal(await h.page.getAttribute(canvas, 'data-series'), '2', `${metric}: one series per corpus`);
      assert.equal(await h.page.getAttribute(canvas, 'data-points'), '16', `${metric}: one bar per layer`);
      assert.ok((await paintedPixels(h.page, canvas)) > 2000, `${metric} chart is drawn`);
    }
    await h.shoot('corpus-view');
    assert.deepEqual(h.errors, []);
  });

  it('token view: a 2048-bar histogram with the cold tokens highlighted, and links from the coldest tokens to the audio view', async () => {
    await h.open('#/tokens?target=demo-events&reference=demo-speech&layer=3');
    const canvas = 'canvas[data-chart="token-histogram"]';
    assert.equal(await h.page.getAttribute(canvas, 'data-series'), '2');
    assert.equal(await h.page.getAttribute(canvas, 'data-points'), '2048');
    assert.ok((await paintedPixels(h.page, canvas)) > 2000);
    const coldRows = await h.page.$$('table[aria-label="Coldest tokens"] tbody tr');
    assert.ok(coldRows.length > 0, 'the synthetic events corpus has tokens the speech corpus never uses');
    await h.shoot('token-view');
    const link = h.page.locator('table[aria-label="Coldest tokens"] tbody a').first();
    const expected = Number(new URLSearchParams((await link.getAttribute('href'))!.split('?')[1]).get('t'));
    await link.click();
    await viewReady(h.page);
    assert.equal(await h.page.getAttribute('#view', 'data-view'), 'audio');
    assert.ok(Math.abs(Number(await h.page.getAttribute('#view', 'data-position')) - expected) < 0.1, 'the audio view opens at the occurrence');
    assert.deepEqual(h.errors, []);
  });

  it('audio view: heatmap, score curve and threshold; clicking an anomaly or a label moves playback to its start', async () => {
    const id = h.fx.demoAudios[0]!;
    await h.open(`#/audio/${id}`);
    const frames = Number(await h.page.getAttribute('canvas[data-chart="heatmap"]', 'data-frames'));
    assert.ok(frames > 0, 'heatmap drawn');
    assert.ok((await paintedPixels(h.page, 'canvas[data-chart="heatmap"]')) > 10_000);
    assert.equal(await h.page.getAttribute('canvas[data-chart="scores"]', 'data-series'), '2', 'score and threshold');
    assert.equal(Number(await h.page.getAttribute('canvas[data-chart="scores"]', 'data-points')), frames);
    await h.page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1, undefined, { timeout: 10_000 });
    const currentTime = () => h.page.$eval('audio', (a) => (a as unknown as { currentTime: number }).currentTime);
    for (const selector of ['.stage .span.anomaly', '.stage .span.label']) {
      const span = h.page.locator(selector).first();
      const start = Number(await span.getAttribute('data-start'));
      await span.click();
      await h.page.waitForFunction((s) => Math.abs(((globalThis as unknown as PageGlobals).document.querySelector('audio')?.currentTime ?? -1) - s) < 0.1, start, { timeout: 5000 });
      assert.ok(Math.abs((await currentTime()) - start) < 0.1, `${selector}: playback at ${await currentTime()}, expected ${start}`);
    }
    // Playing moves the cursor with the audio.
    const cursorLeft = () => h.page.$eval('.stage .cursor', (c) => parseFloat((c as unknown as { style: { left: string } }).style.left));
    await h.page.click('.stage .span.anomaly >> nth=0');
    const before = await cursorLeft();
    await h.page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): { play(): Promise<void> } } }).document.querySelector('audio').play());
    const t0 = Number(await h.page.getAttribute('#view', 'data-position'));
    await h.page.waitForFunction((t) => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.currentTime ?? 0) > t + 0.5, t0, { timeout: 5000 });
    await h.page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): { pause(): void } } }).document.querySelector('audio').pause());
    await h.page.waitForTimeout(100);
    assert.ok((await cursorLeft()) > before + 5, `cursor moved right with playback (${before} → ${await cursorLeft()} px)`);
    // Hovering the heatmap names the frame, time, layer and token under the pointer.
    await h.page.locator('canvas[data-chart="heatmap"]').scrollIntoViewIfNeeded();
    const box = (await h.page.locator('canvas[data-chart="heatmap"]').boundingBox())!;
    await h.page.mouse.move(box.x + box.width * 0.5, box.y + 5);
    assert.match((await h.page.textContent('.tooltip'))!, /^frame \d+ · \d+\.\d\d s · layer 1 · token \d+$/);
    await h.page.mouse.move(box.x + box.width * 0.5, box.y + box.height - 3);
    assert.match((await h.page.textContent('.tooltip'))!, / layer 16 · /);
    // Copy the window as JSON: 16 rows of the frames shown.
    await h.page.click('text=Copy window as JSON');
    const copied = JSON.parse(await h.page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())) as { layerMajor: number[][]; frameCount: number };
    assert.equal(copied.layerMajor.length, 16);
    assert.equal(copied.layerMajor[0]!.length, copied.frameCount);
    assert.ok(copied.layerMajor.flat().every((t) => Number.isInteger(t) && t >= 0 && t < 2048));
    await h.page.mouse.move(0, 0);
    await h.shoot('audio-view');
    assert.deepEqual(h.errors, []);
  });

  it('audio view: another detector and parameters chosen in the page rerun and redraw', async () => {
    await h.open(`#/audio/${h.fx.demoAudios[1]}`);
    await h.page.selectOption('select[name="detector"]', 'interLayerSpread');
    await h.page.fill('input[name="threshold"]', '{"rule":"topK","k":2}');
    await h.page.click('text=Run detector');
    await h.page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.events p')?.textContent?.startsWith('interLayerSpread'));
    assert.match((await h.page.textContent('.events p'))!, /interLayerSpread: threshold [\d.]+ .*, \d+ anomalies/);
    assert.match(h.page.url(), /detector=interLayerSpread/);
    // Bad JSON is reported in the page, not thrown away.
    await h.page.fill('input[name="threshold"]', '{rule');
    await h.page.click('text=Run detector');
    assert.match((await h.page.textContent('[role=alert]'))!, /threshold field is not valid JSON/);
    assert.deepEqual(h.errors, []);
  });

  it('upload view: a dropped file is uploaded, encoded and opened; a bad file gets its own error', async () => {
    await h.open('#/upload');
    await h.page.fill('input[name="corpus"]', 'e2e-uploads');
    await h.page.setInputFiles('#upload-files', [{ name: 'not-audio.wav', mimeType: 'audio/wav', buffer: Buffer.from('this is not a wav file') }]);
    await h.page.waitForSelector('table[aria-label="Uploads"] [role=alert]', { timeout: 20_000 });
    assert.match((await h.page.textContent('table[aria-label="Uploads"] [role=alert]'))!, /not-audio\.wav/);
    // Over the server's cap (4 MiB in this fixture): refused before it lands, with the limit named.
    await h.page.setInputFiles('#upload-files', [{ name: 'huge.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(5 << 20) }]);
    await h.page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('table[aria-label="Uploads"] tr:last-child [role=alert]')?.textContent ?? '').includes('huge.wav'), undefined, { timeout: 20_000 });
    assert.match((await h.page.textContent('table[aria-label="Uploads"] tr:last-child [role=alert]'))!, /huge\.wav.*LIMIT_EXCEEDED/s);
    await h.shoot('upload-view');
    // A real drop on the zone: a DataTransfer holding the file, dispatched as the browser would.
    const wav = wavBytes([testSignal(3, 16_000, 5)], 16_000);
    const dataTransfer = await h.page.evaluateHandle((base64) => {
      const g = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, o: { type: string }) => unknown; Uint8Array: typeof Uint8Array; atob(s: string): string };
      const dt = new g.DataTransfer();
      dt.items.add(new g.File([g.Uint8Array.from(g.atob(base64), (c) => c.charCodeAt(0))], 'tone.wav', { type: 'audio/wav' }));
      return dt;
    }, wav.toString('base64'));
    await h.page.dispatchEvent('.dropzone', 'dragover', { dataTransfer });
    await h.page.dispatchEvent('.dropzone', 'drop', { dataTransfer });
    await h.page.waitForFunction(() => (globalThis as unknown as PageGlobals).location.hash.startsWith('#/audio/'), undefined, { timeout: 30_000 });
    await viewReady(h.page);
    assert.match((await h.page.textContent('h1'))!, /tone\.wav/);
    assert.equal(Number(await h.page.getAttribute('canvas[data-chart="heatmap"]', 'data-frames')), Math.ceil((3 * 24000) / 1920));
    assert.deepEqual(h.errors.filter((e) => !/status of 4\d\d/.test(e)), []);
  });

  it('lab view: a sortable leaderboard with intervals, linked to the detections of a row on an audio', async () => {
    await h.open(`#/lab?run=${h.fx.runId}`);
    const rows = h.page.locator('table[aria-label="Leaderboard"] tbody tr');
    assert.equal(await rows.count(), 3);
    assert.equal(await h.page.getAttribute('canvas[data-chart="leaderboard"]', 'data-points'), '3');
    assert.equal(await h.page.getAttribute('canvas[data-chart="leaderboard"]', 'data-series'), '2', 'F1 and its interval');
    assert.ok((await paintedPixels(h.page, 'canvas[data-chart="leaderboard"]')) > 1000);
    await h.page.click('th button:has-text("frame AUROC")');
    const auroc = await h.page.$$eval('table[aria-label="Leaderboard"] tbody tr', (trs) => trs.map((tr) => Number(tr.children[5]!.childNodes[0]!.textContent)));
    assert.deepEqual(auroc, [...auroc].sort((a, b) => b - a), 'sorted by AUROC, highest first');
    assert.match((await h.page.textContent('table[aria-label="Leaderboard"] tbody tr td:nth-child(3)'))!, /\[\d\.\d{3}–\d\.\d{3}\]/);
    await h.shoot('lab-view');
    const configuration = (await h.page.textContent('table[aria-label="Leaderboard"] tbody tr td:nth-child(2)'))!;
    await h.page.locator('table[aria-label="Leaderboard"] tbody tr').first().locator('a:has-text("detections")').click();
    await viewReady(h.page);
    assert.equal(await h.page.getAttribute('#view', 'data-view'), 'audio');
    assert.ok(configuration.startsWith(await h.page.inputValue('select[name="detector"]')));
    assert.deepEqual(h.errors, []);
  });

  it('works from the keyboard: a focused anomaly seeks with Enter, a leaderboard header sorts with Space', async () => {
    await h.open(`#/audio/${h.fx.demoAudios[0]}`);
    await h.page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector('audio')?.readyState ?? 0) >= 1, undefined, { timeout: 10_000 });
    const span = h.page.locator('.stage .span.anomaly').last();
    const start = Number(await span.getAttribute('data-start'));
    await span.focus();
    await h.page.keyboard.press('Enter');
    await h.page.waitForFunction((s) => Math.abs(((globalThis as unknown as PageGlobals).document.querySelector('audio')?.currentTime ?? -1) - s) < 0.1, start, { timeout: 5000 });
    await h.open(`#/lab?run=${h.fx.runId}`);
    await h.page.locator('th button:has-text("recall")').focus();
    await h.page.keyboard.press('Space');
    assert.equal(await h.page.getAttribute('th:has(button:has-text("recall"))', 'aria-sort'), 'descending');
    assert.deepEqual(h.errors, []);
  });

  it('has no serious or critical accessibility violations (axe-core) in any view', async () => {
    // axe is injected as a script, which the dashboard's CSP forbids: a context that bypasses it, for this check only.
    const { page: p } = await h.newPage({ bypassCSP: true });
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    for (const hash of ['#/corpora', '#/tokens?target=demo-events&reference=demo-speech', `#/audio/${h.fx.demoAudios[0]}`, '#/upload', `#/lab?run=${h.fx.runId}`]) {
      await p.goto(`${h.fx.base}${hash}`);
      await p.waitForSelector('#view[data-ready="true"]', { timeout: 20_000 });
      await p.addScriptTag({ content: axeSource });
      const violations = await p.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
      for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${hash}: ${v.id} (${v.impact}) at ${v.targets.join(' ')}`);
    }
    assert.deepEqual(found, []);
  });

  it('shows a failing API call as a message, not a blank panel', async () => {
    await h.page.route('**/graphql', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'database on fire' }));
    await h.page.goto(`${h.fx.base}#/corpora`);
    await h.page.waitForSelector('#view [role=alert]');
    assert.match((await h.page.textContent('#view [role=alert]'))!, /Could not list the corpora \(HTTP_500\): .*database on fire/);
    await h.page.unroute('**/graphql');
    await h.page.goto(`${h.fx.base}#/audio/999999`);
    await h.page.waitForSelector('#view [role=alert]');
    assert.match((await h.page.textContent('#view [role=alert]'))!, /Could not load audio 999999 \(NOT_FOUND\)/);
    await h.shoot('error-message');
    assert.ok(h.errors.every((e) => /status of (500|404)/.test(e)), h.errors.join('\n'));
  });
});

if (skip) console.log(`# dashboard end-to-end tests skipped: ${skip}`);
