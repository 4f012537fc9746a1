import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { el, svgDocument } from '../../../../src/dashboard/export/svg-text.js';
import { descendants, parseXml } from '../../../support/xml.js';

describe('SVG text', () => {
  it('makes a well-formed titled document on a white background, with text and attributes escaped', () => {
    const doc = parseXml(svgDocument(120, 40.257, 'a < b & "c"', [el('text', { x: 1, y: 2.005, 'data-series': 'x "y"', skipped: null }, 'a &amp; b')]));
    assert.equal(doc.name, 'svg');
    assert.deepEqual([doc.attrs['width'], doc.attrs['height'], doc.attrs['viewBox']], ['120', '40.26', '0 0 120 40.26']);
    assert.equal(descendants(doc, 'title')[0]!.text, 'a < b & "c"');
    assert.deepEqual(descendants(doc, 'rect')[0]!.attrs, { x: '0', y: '0', width: '120', height: '40.26', fill: '#ffffff' });
    assert.deepEqual(descendants(doc, 'text')[0], { name: 'text', attrs: { x: '1', y: '2.01', 'data-series': 'x "y"' }, children: [], text: 'a & b' });
  });

  it('is checked by a parser that rejects what an XML parser rejects', () => {
    assert.throws(() => parseXml('<svg><g></svg>'), /<\/svg> closes <g>/);
    assert.throws(() => parseXml('<svg><text>a & b</text></svg>'), /a bare & or </);
    assert.throws(() => parseXml('<svg x="1" x="2"/>'), /attribute x twice/);
    assert.throws(() => parseXml('<svg/><svg/>'), /a second root/);
    assert.throws(() => parseXml('<svg><g>'), /<g> never closed/);
  });
});
