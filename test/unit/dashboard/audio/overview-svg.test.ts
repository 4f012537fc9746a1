import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overviewGeometry } from '../../../../src/dashboard/audio/overview-geometry.js';
import type { OverviewData } from '../../../../src/dashboard/audio/overview-geometry.js';
import { overviewSvg } from '../../../../src/dashboard/audio/overview-svg.js';
import { descendants, parseXml } from '../../../support/xml.js';

// 10 s on a 100 × 46 strip: 10 px a second. Scores 1..3 (one bucket without a score), threshold 2.
const DATA: OverviewData = { durationSeconds: 10, max: [1, 3, Number.NaN, 2], threshold: 2, anomalies: [{ startSeconds: 4, endSeconds: 5 }], labels: [{ startSeconds: 1, endSeconds: 1.05 }] };

describe('overview SVG export', () => {
  it('lays out labels along the bottom, anomalies above them, and the envelope and threshold between', () => {
    const g = overviewGeometry(DATA, 100, 46);
    assert.deepEqual(g.labels, [{ x: 10, y: 38, width: 2, height: 8 }], 'at least 2 px wide');
    assert.deepEqual(g.anomalies, [{ x: 40, y: 0, width: 10, height: 36 }]);
    assert.deepEqual(g.envelope.map((p) => p.x), [12.5, 37.5, 62.5, 87.5]);
    assert.deepEqual(g.envelope.map((p) => p.y), [36, 4, Number.NaN, 20]);
    assert.equal(g.thresholdY, 20);
  });

  it('draws the envelope as one polyline over the finite buckets, the dashed threshold, the boxes, the window marker and a time axis', () => {
    const svg = parseXml(overviewSvg(DATA, 100, 46, { x: 20, width: 10 }));
    assert.deepEqual([svg.attrs['width'], svg.attrs['height']], ['100', '64']);
    assert.equal(descendants(svg, 'title')[0]!.text, 'Overview of the whole recording (0:10.0): score envelope, threshold (dashed), anomalies (red), labels (blue), window 0:02.0–0:03.0');
    const series = (name: string) => descendants(svg).find((e) => e.attrs['data-series'] === name)!;
    assert.deepEqual(series('labels').children.map((r) => r.attrs), [{ x: '10', y: '38', width: '2', height: '8' }]);
    assert.equal(series('labels').attrs['fill-opacity'], '0.35');
    assert.deepEqual(series('anomalies').children.map((r) => r.attrs), [{ x: '40', y: '0', width: '10', height: '36' }]);
    assert.equal(series('score envelope').attrs['points'], '12.5,36 37.5,4 87.5,20');
    assert.deepEqual(series('threshold').attrs, { x1: '0', y1: '20', x2: '100', y2: '20', stroke: '#d64541', 'stroke-dasharray': '4 3', 'data-series': 'threshold' });
    const marker = series('window').attrs;
    assert.deepEqual([marker['x'], marker['y'], marker['width'], marker['height']], ['21', '1', '8', '44'], 'its 2-px border inside the box, as on the page');
    assert.deepEqual(descendants(svg, 'text').map((t) => t.text), ['0:00', '0:02', '0:04', '0:06', '0:08', '0:10']);
  });

  it('draws neither envelope nor threshold when no bucket has a score, and no marker without a window', () => {
    const svg = parseXml(overviewSvg({ ...DATA, max: [Number.NaN, Number.NEGATIVE_INFINITY] }, 100, 46, null));
    assert.deepEqual([descendants(svg, 'polyline').length, descendants(svg, 'line').filter((l) => l.attrs['data-series'] === 'threshold').length], [0, 0]);
    assert.equal(descendants(svg, 'rect').filter((r) => r.attrs['data-series'] === 'window').length, 0);
    assert.doesNotMatch(descendants(svg, 'title')[0]!.text, /window/);
  });
});
