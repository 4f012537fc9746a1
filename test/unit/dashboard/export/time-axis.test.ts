import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeAxisSvg, timeTicks } from '../../../../src/dashboard/export/time-axis.js';
import { descendants, parseXml } from '../../../support/xml.js';

describe('time axis of the SVG exports', () => {
  it('ticks at multiples of the smallest step that gives at most 8 ticks', () => {
    assert.deepEqual(timeTicks(0, 0.32), { step: 0.1, ticks: [0, 0.1, 0.2, 0.3] });
    assert.deepEqual(timeTicks(10, 30), { step: 5, ticks: [10, 15, 20, 25, 30] });
    assert.deepEqual(timeTicks(7.3, 12.9).ticks, [8, 9, 10, 11, 12]);
    assert.equal(timeTicks(0, 3600).step, 600);
  });

  it('draws its line, a tick mark and an m:ss label per tick, the end labels anchored inwards', () => {
    const axis = parseXml(`<g>${timeAxisSvg(0, 10, 0, 100, 46).join('')}</g>`);
    const lines = descendants(axis, 'line');
    assert.deepEqual(lines[0]!.attrs, { x1: '0', y1: '46', x2: '100', y2: '46', stroke: '#1d2330', 'stroke-width': '1' });
    assert.deepEqual(lines.slice(1).map((l) => l.attrs['x1']), ['0', '20', '40', '60', '80', '100']);
    const texts = descendants(axis, 'text');
    assert.deepEqual(texts.map((t) => t.text), ['0:00', '0:02', '0:04', '0:06', '0:08', '0:10']);
    assert.deepEqual(texts.map((t) => t.attrs['text-anchor']), ['start', 'middle', 'middle', 'middle', 'middle', 'end']);
    assert.deepEqual(texts.map((t) => t.attrs['y']), Array(6).fill('60'));
  });

  it('shows tenths of a second when its ticks are under a second apart', () => {
    const texts = descendants(parseXml(`<g>${timeAxisSvg(61, 61.5, 56, 1256, 96).join('')}</g>`), 'text');
    assert.deepEqual(texts.map((t) => t.text), ['1:01.0', '1:01.1', '1:01.2', '1:01.3', '1:01.4', '1:01.5']);
  });
});
