import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvField, toCsv } from '../../../../src/dashboard/export/csv.js';

describe('CSV export (RFC 4180)', () => {
  it('separates fields by commas and records by CRLF, ending with one', () => {
    assert.equal(toCsv([['a', 'b'], ['1', '2']]), 'a,b\r\n1,2\r\n');
  });

  it('quotes fields holding a comma, a quote, CR or LF, and doubles their quotes', () => {
    assert.deepEqual(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', ''].map(csvField), ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\rhere"', '']);
  });

  it('round-trips through a maintained CSV parser, header row first', () => {
    const rows = [['configuration', 'event F1'], ['tokenSurprisal · reference "x", y', '0.512 [0.400–0.600]'], ['multi\r\nline', '–']];
    assert.deepEqual(parse(toCsv(rows), { relax_column_count: false }), rows);
  });
});
