import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { CompareDetectorsDocument, EvaluationRunsDocument } from '../../src/client/generated/graphql.js';
import { browserMissing, viewReady } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';
import { dataOf, execute } from '../support/graphql.js';

const skip = browserMissing();

/** What the tests read of the page's globals (they compile without the DOM's types). */
interface LabGlobals {
  document: {
    querySelector(s: string): { textContent: string | null; value?: string } | null;
    querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
  };
  DOMParser: new () => { parseFromString(text: string, type: string): { querySelectorAll(s: string): ArrayLike<unknown>; documentElement: { nodeName: string } } };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  seen?: { text: string; value: string }[];
}

describe('the Lab and exports in Chromium', { skip: skip ?? false, timeout: 300_000 }, () => {
  const h = useDashboardBrowser({ acceptDownloads: true });

  const runIds = async () => dataOf(await execute(h.fx.t.app, EvaluationRunsDocument, {})).evaluationRuns.map((r) => r.id);
  const compare = async (name: string, detectors: { name: string; params?: Record<string, unknown> }[]) =>
    dataOf(await execute(h.fx.t.app, CompareDetectorsDocument, { corpus: 'demo-audio', detectors, folds: 2, seed: 1, bootstrap: 20, name })).compareDetectors.id;
  /** Clicks an export button and returns the downloaded file's name and bytes. */
  const downloaded = async (button: string) => {
    const [download] = await Promise.all([h.page.waitForEvent('download', { timeout: 10_000 }), h.page.click(button)]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: await readFile(path!) };
  };
  const optionValues = (select: string) => h.page.$$eval(`${select} option`, (os) => os.map((o) => (o as unknown as { value: string }).value));

  it('shows the per-class table of the fixture run: every configuration with each of its classes and their event counts', async () => {
    await h.open(`#/lab?run=${h.fx.runId}`);
    const rows = await h.page.$$eval('table[aria-label="Per-class scores"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
    assert.equal(rows.length, 9, '3 configurations × 3 classes');
    assert.deepEqual([...new Set(rows.map((r) => r[1]))].sort(), ['beep', 'burst', 'click']);
    assert.deepEqual(Object.fromEntries(rows.slice(0, 3).map((r) => [r[1], Number(r[2])])), { beep: 5, burst: 5, click: 4 });
    for (const r of rows) assert.match(r[8]!, /^(\d\.\d{3}|–)$/, 'recall (any class) is a score or –');
    assert.deepEqual(h.errors, []);
  });

  it('labels configurations readably, with the raw JSON in a tooltip and a details disclosure', async () => {
    await h.open(`#/lab?run=${h.fx.runId}`);
    const labels = await h.page.$$eval('table[aria-label="Leaderboard"] tbody .config-label', (els) => els.map((e) => e.textContent ?? ''));
    assert.deepEqual([...labels].sort(), ['interLayerSpread · > p95', 'keyLayerVariance · > p95', 'tokenSurprisal · reference demo-audio · > p90']);
    const surprisal = h.page.locator('table[aria-label="Leaderboard"] tbody tr', { hasText: 'tokenSurprisal' });
    assert.match((await surprisal.locator('.config-label').getAttribute('title'))!, /"reference": "demo-audio"/);
    await surprisal.locator('details summary').click();
    assert.match((await surprisal.locator('details pre').textContent())!, /"rule": "percentile",\s*"percentile": 90/);
    assert.deepEqual(h.errors, []);
  });

  it('starts a comparison from the page, shows its progress and ends on the new run', async () => {
    const before = await runIds();
    await h.open(`#/lab?run=${h.fx.runId}`);
    const form = h.page.locator('form[aria-label="Start a comparison"]');
    assert.match(await form.locator('textarea').inputValue(), /tokenSurprisal/, 'the form starts from the shown run’s configurations');
    await form.locator('textarea').fill(JSON.stringify([{ name: 'keyLayerVariance', sweep: { parameter: 'percentile', values: [80, 90] } }, { name: 'interLayerSpread' }]));
    await form.locator('input[name="bootstrap"]').fill('20');
    await form.locator('input[name="folds"]').fill('2');
    await form.locator('input[name="name"]').fill('from the page');
    // Every progress text and bar value the page shows, as it shows them.
    await h.page.evaluate(() => {
      const g = globalThis as unknown as LabGlobals;
      g.seen = [];
      const status = g.document.querySelector('.comparison-progress [role=status]')!;
      const bar = g.document.querySelector('.comparison-progress progress')!;
      new g.MutationObserver(() => g.seen!.push({ text: status.textContent ?? '', value: String((bar as unknown as { value: number }).value) })).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await form.locator('button[type="submit"]').click();
    await h.page.waitForFunction(() => ((globalThis as unknown as LabGlobals).document.querySelector('#view')?.textContent ?? '').includes('“from the page”'), undefined, { timeout: 60_000 });
    await viewReady(h.page);
    const after = await runIds();
    const created = after.filter((id) => !before.includes(id));
    assert.equal(created.length, 1, 'one run was stored');
    assert.equal(await h.page.inputValue('select[aria-label="evaluation run"]'), created[0]);
    assert.match(await h.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash), new RegExp(`run=${created[0]}`));
    assert.equal(await h.page.locator('table[aria-label="Leaderboard"] tbody tr').count(), 3, 'two sweep values and one more configuration');
    const seen = (await h.page.evaluate(() => (globalThis as unknown as LabGlobals).seen!)).map((s) => s.text);
    assert.ok(seen.some((t) => /Waiting|Reading|Scoring configuration \d of 3/.test(t)), `progress was shown before the end: ${JSON.stringify(seen)}`);
    assert.match(seen.at(-1)!, /^Done: 3 configurations on 8 audios\.$/);
    await h.page.screenshot({ path: join(h.shots, 'lab-comparison-done.png'), fullPage: true });
    assert.deepEqual(h.errors, []);
  });

  it('shows a failed comparison with its coded message', async () => {
    await h.open(`#/lab?run=${h.fx.runId}`);
    const form = h.page.locator('form[aria-label="Start a comparison"]');
    await form.locator('select[name="corpus"]').selectOption('demo-events');
    await form.locator('textarea').fill('[{"name":"keyLayerVariance"}]');
    await form.locator('input[name="bootstrap"]').fill('10');
    await form.locator('button[type="submit"]').click();
    const alert = form.locator('[role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    assert.match((await alert.textContent())!, /Could not run the comparison \(INVALID_ARGUMENT\): corpus demo-events has no labels/);
    assert.deepEqual(h.errors, []);
  });

  it('deletes a run after a confirmation, and keeps it on cancel', async () => {
    const victim = await compare('to delete', [{ name: 'keyLayerVariance' }]);
    await h.open(`#/lab?run=${victim}`);
    await h.page.click('button:has-text("Delete run…")');
    const dialog = h.page.locator('dialog.confirm');
    assert.match((await dialog.textContent())!, new RegExp(`Delete run ${victim} “to delete”\\?`));
    await dialog.locator('button:has-text("Cancel")').click();
    assert.equal(await dialog.count(), 0);
    assert.ok((await runIds()).includes(victim), 'cancel keeps the run');
    await h.page.click('button:has-text("Delete run…")');
    await dialog.locator('button:has-text("Delete")').click();
    await h.page.waitForFunction((id) => ![...((globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ value: string }> } }).document.querySelectorAll('select[aria-label="evaluation run"] option'))].some((o) => o.value === id), victim, { timeout: 20_000 });
    await viewReady(h.page);
    assert.ok(!(await runIds()).includes(victim), 'the run is gone from the database');
    assert.ok(!(await optionValues('select[aria-label="evaluation run"]')).includes(victim));
    assert.deepEqual(h.errors, []);
  });

  it('shows two runs side by side, aligned by configuration, shared ones first', async () => {
    const other = await compare('other', [{ name: 'changeRate' }, { name: 'keyLayerVariance' }]);
    await h.open(`#/lab?run=${h.fx.runId}`);
    await h.page.selectOption('select[aria-label="run to show side by side"]', other);
    const table = h.page.locator('table[aria-label="Runs side by side"]');
    await table.waitFor({ timeout: 20_000 });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ shared: (tr as unknown as { dataset: Record<string, string> }).dataset['shared'], label: tr.querySelector('.config-label')?.textContent ?? '', cells: [...tr.children].slice(1).map((td) => td.textContent ?? '') })));
    assert.deepEqual(rows.map((r) => [r.shared, r.label.split(' · ')[0]]), [['true', 'keyLayerVariance'], ['false', 'interLayerSpread'], ['false', 'tokenSurprisal'], ['false', 'changeRate']]);
    assert.match(rows[0]!.cells[0]!, /^\d\.\d{3}/, 'run a’s F1');
    assert.match(rows[0]!.cells[2]!, /^\d\.\d{3}/, 'run b’s F1');
    assert.match(rows[0]!.cells[4]!, /^(\+|-)?\d\.\d{3}$/, 'the difference');
    assert.equal(rows[3]!.cells[0], '–', 'changeRate is not in run a');
    assert.match(await h.page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash), new RegExp(`vs=${other}`));
    await h.page.screenshot({ path: join(h.shots, 'lab-side-by-side.png'), fullPage: true });
    assert.deepEqual(h.errors, []);
  });

  it('downloads tables as CSV with their header row, keyboard reachable and labelled', async () => {
    await h.open(`#/lab?run=${h.fx.runId}`);
    const button = 'button[aria-label="Download Leaderboard as CSV"]';
    await h.page.focus(button);
    const [download] = await Promise.all([h.page.waitForEvent('download', { timeout: 10_000 }), h.page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /^tokenscope-leaderboard-run-\d+-e2e\.csv$/);
    const board = parse(await readFile((await download.path())!), { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(board[0]!), ['#', 'configuration', 'event F1', 'precision', 'recall', 'frame AUROC', 'frame AUPRC']);
    assert.equal(board.length, 3);
    assert.match(board[0]!['event F1']!, /^\d\.\d{3} \[\d\.\d{3}–\d\.\d{3}\]$/);
    assert.ok(board.some((r) => r['configuration'] === 'tokenSurprisal · reference demo-audio · > p90'));
    const perClass = await downloaded('button[aria-label="Download Per-class scores as CSV"]');
    assert.match(perClass.name, /^tokenscope-per-class-scores-run-\d+-e2e\.csv$/);
    const classRows = parse(perClass.bytes, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(classRows[0]!), ['configuration', 'class', 'events', 'event F1', 'P', 'R', 'ER', 'segment F1', 'recall (any class)', 'frame AUROC']);
    assert.equal(classRows.length, 9);
    await h.open('#/corpora');
    const corpora = await downloaded('button[aria-label="Download Corpora as CSV"]');
    assert.match(corpora.name, /^tokenscope-corpora-.*\.csv$/);
    const corpusRows = parse(corpora.bytes, { columns: true }) as Record<string, string>[];
    assert.ok(corpusRows.length >= 3 && corpora.bytes.length > 0);
    assert.deepEqual(h.errors, []);
  });

  it('downloads charts as PNG and as SVG vector drawings of their data, the heatmap included', async () => {
    const svgShapes = (text: string) =>
      h.page.evaluate((t) => {
        const g = globalThis as unknown as LabGlobals;
        const doc = new g.DOMParser().parseFromString(t, 'image/svg+xml');
        return { root: doc.documentElement.nodeName, errors: doc.querySelectorAll('parsererror').length, rects: doc.querySelectorAll('rect').length, paths: doc.querySelectorAll('path').length, texts: doc.querySelectorAll('text').length, images: doc.querySelectorAll('image').length };
      }, text);
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await h.open(`#/lab?run=${h.fx.runId}`);
    const png = await downloaded('button[aria-label^="Download Event F1 of 3 configurations"][data-export="png"]');
    assert.match(png.name, /^tokenscope-leaderboard-run-\d+-e2e\.png$/);
    assert.ok(png.bytes.subarray(0, 8).equals(PNG), 'the PNG signature');
    assert.ok(png.bytes.length > 1000);
    const svg = await downloaded('button[aria-label^="Download Event F1 of 3 configurations"][data-export="svg"]');
    assert.match(svg.name, /^tokenscope-leaderboard-run-\d+-e2e\.svg$/);
    const shapes = await svgShapes(svg.bytes.toString('utf8'));
    assert.deepEqual([shapes.root, shapes.errors, shapes.images], ['svg', 0, 0], 'well-formed SVG, no embedded picture');
    assert.ok(shapes.rects >= 1 + 6, `a background and a rect per bar (3 F1 bars, 3 intervals); got ${shapes.rects}`);
    assert.ok(shapes.texts >= 3, 'axis labels');
    assert.match(svg.bytes.toString('utf8'), /tokenSurprisal · reference demo-audio · &gt; p90/, 'the readable labels on the axis');

    await h.open(`#/audio/${h.fx.demoAudios[0]}`);
    const heatmapSvg = await downloaded('button[aria-label="Download Code matrix heatmap as SVG"]');
    assert.match(heatmapSvg.name, /^tokenscope-heatmap-audio-\d+\.svg$/);
    const cells = await svgShapes(heatmapSvg.bytes.toString('utf8'));
    assert.equal(cells.errors, 0);
    assert.ok(cells.rects > 16 * 10, `a rect per run of cells along each of the 16 layers; got ${cells.rects}`);
    const heatmapPng = await downloaded('button[aria-label="Download Code matrix heatmap as PNG"]');
    assert.ok(heatmapPng.bytes.subarray(0, 8).equals(PNG));
    const scores = await downloaded('button[aria-label="Download Detector score per frame with the threshold as SVG"]');
    const line = await svgShapes(scores.bytes.toString('utf8'));
    assert.ok(line.errors === 0 && line.paths >= 2, `the score curve and the threshold as paths; got ${line.paths}`);
    assert.deepEqual(h.errors, []);
  });

  it('has no serious or critical accessibility violations (axe-core) in the Lab with two runs side by side, and in the confirmation', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const { page: p } = await h.newPage({ bypassCSP: true });
    const ids = await runIds();
    const check = async (what: string) => {
      await p.addScriptTag({ content: axeSource });
      const violations = await p.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
      });
      assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), [], what);
    };
    await p.goto(`${h.fx.base}#/lab?run=${h.fx.runId}&vs=${ids.find((id) => id !== h.fx.runId) ?? h.fx.runId}`);
    await p.waitForSelector('#view[data-ready="true"]');
    await check('lab view');
    await p.click('button:has-text("Delete run…")');
    await check('delete confirmation');
  });
});

if (skip) console.log(`# Lab and export tests skipped: ${skip}`);
