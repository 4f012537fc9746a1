import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { browserMissing } from '../support/browser.js';
import { useDashboardBrowser } from '../support/dashboard-browser.js';

const skip = browserMissing();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a downloaded SVG holds, as Chromium's XML parser reads it. */
interface SvgShapes {
  root: string;
  errors: number;
  title: string;
  width: number;
  images: number;
  rects: number;
  texts: string[];
  /** data-series of the drawn elements, with the rects of a path (its z's), the points of a line path or polyline, else 1. */
  series: Record<string, number>;
}

describe('audio view exports in Chromium: waveform, spectrogram, score curve and overview as PNG and SVG', { skip: skip ?? false, timeout: 240_000 }, () => {
  const h = useDashboardBrowser({ acceptDownloads: true });

  /** Clicks an export button and returns the downloaded file's name and bytes. */
  const downloaded = async (button: string) => {
    const [download] = await Promise.all([h.page.waitForEvent('download', { timeout: 10_000 }), h.page.click(button)]);
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  };
  const shapes = (text: string): Promise<SvgShapes> =>
    h.page.evaluate((t) => {
      interface Node {
        nodeName: string;
        textContent: string | null;
        getAttribute(n: string): string | null;
        querySelector(s: string): Node | null;
      }
      const g = globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): { documentElement: Node; querySelector(s: string): Node | null; querySelectorAll(s: string): ArrayLike<Node> } } };
      const doc = new g.DOMParser().parseFromString(t, 'image/svg+xml');
      const series: Record<string, number> = {};
      for (const e of Array.from(doc.querySelectorAll('[data-series]'))) {
        // chartSvg names a group of the series' shapes; the audio exports name the shape itself.
        const shape = e.nodeName === 'g' ? (e.querySelector('path, polyline') ?? e) : e;
        const d = shape.getAttribute('d');
        const points = shape.getAttribute('points');
        series[e.getAttribute('data-series')!] = d ? (d.match(/z/g)?.length ?? d.match(/[ML]/g)!.length) : points ? points.split(' ').length : 1;
      }
      return {
        root: doc.documentElement.nodeName,
        errors: doc.querySelectorAll('parsererror').length,
        title: doc.querySelector('title')?.textContent ?? '',
        width: Number(doc.documentElement.getAttribute('width')),
        images: doc.querySelectorAll('image').length,
        rects: doc.querySelectorAll('rect').length,
        texts: Array.from(doc.querySelectorAll('text')).map((e) => e.textContent ?? ''),
        series,
      };
    }, text);

  /** Downloads both formats of the canvas export labelled `label`; checks the file names, the PNG's signature and that the SVG parses without embedded pictures. */
  const both = async (label: string, what: string) => {
    const png = await downloaded(`button[aria-label="Download ${label} as PNG"]`);
    assert.match(png.name, new RegExp(`^tokenscope-${what}-audio-\\d+\\.png$`));
    assert.ok(png.bytes.subarray(0, 8).equals(PNG), `${label}: the PNG signature`);
    assert.ok(png.bytes.length > 1000, `${label}: a PNG of ${png.bytes.length} bytes`);
    const svg = await downloaded(`button[aria-label="Download ${label} as SVG"]`);
    assert.match(svg.name, new RegExp(`^tokenscope-${what}-audio-\\d+\\.svg$`));
    const s = await shapes(svg.bytes.toString('utf8'));
    assert.deepEqual([s.root, s.errors, s.images], ['svg', 0, 0], `${label}: well-formed SVG, no embedded picture`);
    return { ...s, bytes: svg.bytes.length };
  };

  it('downloads each of the four as a PNG and as an SVG drawing of the data the canvas shows', async (t) => {
    // demo_03.wav: speech with a beep at 2.1–2.9 s, labelled.
    await h.open(`#/audio/${h.fx.demoAudios[2]}`);
    await h.page.waitForSelector('.signal-panel[data-state="drawn"]', { timeout: 20_000 });
    const columns = Number(await h.page.getAttribute('.signal-panel', 'data-columns'));
    const plotWidth = await h.page.$eval('canvas[data-chart="waveform"]', (c) => (c as unknown as { clientWidth: number }).clientWidth);

    const wave = await both('Waveform', 'waveform');
    assert.match(wave.title, /^Waveform of the original audio, 0:00\.0–/);
    assert.equal(wave.width, plotWidth, 'as wide as the canvas');
    assert.deepEqual([wave.series['span'], wave.series['rms']], [columns, columns], 'a span and an RMS band per drawn column');
    assert.ok(wave.texts.includes('+1') && wave.texts.includes('−1') && wave.texts.some((x) => /^0:0\d$/.test(x)), `amplitude and time labels: ${wave.texts.join(' ')}`);

    const spectrum = await both('Spectrogram', 'spectrogram');
    assert.match(spectrum.title, /^Mel spectrogram of the original audio, 0:00\.0–/);
    const runs = Object.entries(spectrum.series).reduce((sum, [, n]) => sum + n, 0);
    const spectrogramColumns = Number(await h.page.getAttribute('.signal-panel', 'data-spectrogram-columns'));
    assert.ok(runs > 64 * 20 && runs <= 64 * spectrogramColumns, `a rectangle per run of equal colour along each of the 64 bands: ${runs} runs for ${spectrogramColumns} columns`);
    assert.ok(spectrum.texts.includes('12 kHz') && spectrum.texts.includes('0 Hz'));
    t.diagnostic(`spectrogram SVG: ${runs} runs in ${Object.keys(spectrum.series).length} colours, ${spectrum.bytes} bytes for ${spectrogramColumns} columns; waveform SVG ${wave.bytes} bytes`);

    const scores = await both('Detector score per frame with the threshold', 'scores');
    const detector = await h.page.$eval('select[name="detector"]', (s) => (s as unknown as { value: string }).value);
    assert.match(scores.title, new RegExp(`^Detector score per frame with the threshold: ${detector}, 0:00\\.0–.*, threshold \\d`));
    const curve = Object.keys(scores.series).find((k) => k.endsWith(' score'))!;
    assert.ok(curve && scores.series[curve]! > 50, `the score curve through a point per frame: ${JSON.stringify(scores.series)}`);
    assert.ok(Object.keys(scores.series).some((k) => k.startsWith('threshold ')), 'and the threshold line');

    const overview = await both('Overview of the recording', 'overview');
    assert.match(overview.title, /^Overview of the whole recording \(0:0\d\.\d\): .*, window 0:00\.0–/);
    assert.ok(overview.series['score envelope']! > 10, 'the envelope as a polyline');
    assert.equal(overview.series['threshold'], 1);
    assert.equal(overview.series['window'], 1, 'the window marker');
    assert.deepEqual(h.errors, []);
  });

  it('puts the buttons below the stage and below the overview, leaving the signal panel joined to the heatmap', async () => {
    await h.open(`#/audio/${h.fx.demoAudios[2]}`);
    await h.page.waitForSelector('.stage + .exports button[aria-label="Download Spectrogram as SVG"]', { timeout: 20_000 });
    assert.deepEqual(await h.page.$$eval('.stage + .exports .export-bar', (bars) => bars.map((b) => b.getAttribute('aria-label'))).then((l) => l.sort()), ['Export Code matrix heatmap', 'Export Detector score per frame with the threshold', 'Export Spectrogram', 'Export Waveform']);
    assert.equal(await h.page.$$eval('.overview + .exports .export-bar', (bars) => bars.map((b) => b.getAttribute('aria-label')).join()), 'Export Overview of the recording');
    assert.equal(await h.page.$$eval('.signal-panel + .stage', (s) => s.length), 1, 'nothing between the signal panel and the heatmap');
    assert.equal(await h.page.$$eval('.signal-panel .exports, .overview .exports', (s) => s.length), 0);
    assert.deepEqual(h.errors, []);
  });
});

if (skip) console.log(`# audio export end-to-end tests skipped: ${skip}`);
