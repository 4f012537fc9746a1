import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Chart } from 'chart.js';
import { chartSvg } from '../../../../src/dashboard/export/chart-svg.js';
import { descendants, parseXml } from '../../../support/xml.js';

/** A scale as chartSvg reads it: ticks at the given pixels. */
function scale(horizontal: boolean, ticks: { label: string; px: number }[], grid: boolean) {
  return {
    options: { display: true, grid: { display: grid }, title: { display: false } },
    isHorizontal: () => horizontal,
    position: horizontal ? 'bottom' : 'left',
    ticks: ticks.map((t) => ({ label: t.label })),
    getPixelForTick: (i: number) => ticks[i]!.px,
    left: 0,
    top: 0,
    right: 0,
    bottom: 0,
  };
}

/** A line dataset as Chart.js lays it out: its drawn points and its line options. */
function line(index: number, points: [number, number][], options: Record<string, unknown>) {
  return { type: 'line', index, data: points.map(([x, y]) => ({ getProps: () => ({ x, y, skip: false }) })), dataset: { options } };
}

// The score chart of a window, laid out: the plot at x 56..256, y 20..140; a score curve, its threshold and one overlay.
const SCORE_CHART = {
  width: 300,
  height: 170,
  chartArea: { left: 56, top: 20, right: 256, bottom: 140 },
  scales: { x: scale(true, [{ label: '0:10.0', px: 56 }, { label: '0:20.0', px: 256 }], false), y: scale(false, [{ label: '0', px: 140 }, { label: '1', px: 20 }], true) },
  data: { datasets: [{ label: 'energy score' }, { label: 'threshold 0.500' }, { label: 'flux (scaled)' }] },
  getSortedVisibleDatasetMetas: () => [
    line(0, [[56, 100], [156, 50], [256, 80]], { borderColor: '#1d2330', borderWidth: 1.2, borderDash: [] }),
    line(1, [[56, 80], [256, 80]], { borderColor: '#d64541', borderWidth: 1.5, borderDash: [5, 4] }),
    line(2, [[56, 120], [156, Number.NaN], [256, 30]], { borderColor: '#1b9e77', borderWidth: 1.2 }),
  ],
  legend: { options: { display: true }, legendItems: [{ text: 'energy score', fillStyle: '#1d2330' }, { text: 'threshold 0.500', fillStyle: 'rgba(0,0,0,0.1)', strokeStyle: '#d64541', lineWidth: 1.5, lineDash: [5, 4] }], legendHitBoxes: [{ left: 150, top: 2, width: 90, height: 12 }, { left: 150, top: 16, width: 90, height: 12 }] },
} as unknown as Chart;

describe('chart SVG export (the score curve)', () => {
  it('draws each curve and line as a path through its drawn points, the dashed threshold dashed, and a gap where a score is missing', () => {
    const svg = parseXml(chartSvg(SCORE_CHART, 'energy score, 0:10.0–0:20.0'));
    assert.equal(descendants(svg, 'title')[0]!.text, 'energy score, 0:10.0–0:20.0');
    const series = Object.fromEntries(descendants(svg, 'g').filter((g) => g.attrs['data-series']).map((g) => [g.attrs['data-series'], g.children[0]!.attrs]));
    assert.deepEqual(Object.keys(series).sort(), ['energy score', 'flux (scaled)', 'threshold 0.500']);
    assert.deepEqual(series['energy score'], { d: 'M56 100L156 50L256 80', fill: 'none', stroke: '#1d2330', 'stroke-width': '1.2' });
    assert.deepEqual(series['threshold 0.500'], { d: 'M56 80L256 80', fill: 'none', stroke: '#d64541', 'stroke-width': '1.5', 'stroke-dasharray': '5 4' });
    assert.equal(series['flux (scaled)']!['d'], 'M56 120M256 30');
    assert.equal(descendants(svg, 'g').find((g) => g.attrs['clip-path'])!.attrs['clip-path'], 'url(#plot)');
  });

  it('labels both axes at their ticks, with grid lines only where the axis has them, and draws the legend', () => {
    const svg = parseXml(chartSvg(SCORE_CHART, 'scores'));
    assert.deepEqual(descendants(svg, 'text').map((t) => t.text), ['0:10.0', '0:20.0', '0', '1', 'energy score', 'threshold 0.500']);
    const grid = descendants(svg, 'line').filter((l) => l.attrs['stroke'] === '#e3e6ec');
    assert.deepEqual(grid.map((l) => [l.attrs['y1'], l.attrs['y2']]), [['140', '140'], ['20', '20']], 'horizontal grid lines of the y axis only');
  });

  it("draws a line dataset's legend swatch as Chart.js does: outlined in the line's colour and dash, not only its faint fill", () => {
    const swatches = descendants(parseXml(chartSvg(SCORE_CHART, 'scores')), 'rect').filter((r) => r.attrs['width'] === '36');
    assert.deepEqual(swatches.map((r) => r.attrs), [
      { x: '150', y: '2', width: '36', height: '12', fill: '#1d2330' },
      { x: '150', y: '16', width: '36', height: '12', fill: 'rgba(0,0,0,0.1)', stroke: '#d64541', 'stroke-width': '1.5', 'stroke-dasharray': '5 4' },
    ]);
  });
});
