import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { formatLabelsCsv, parseLabelsCsv } from '../../../src/labels/labels-csv.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('label CSV', () => {
  it('writes file,start_s,end_s,label with quoting, and reads it back', () => {
    const rows = [
      { file: 'a.wav', start: 0.5, end: 1.25, label: 'cough' },
      { file: 'b, "2".wav', start: 2, end: 2.1, label: 'door, slam' },
    ];
    const text = formatLabelsCsv(rows);
    assert.equal(text, 'file,start_s,end_s,label\na.wav,0.500000,1.250000,cough\n"b, ""2"".wav",2.000000,2.100000,"door, slam"\n');
    assert.deepEqual(parseLabelsCsv(text, 'x.csv'), rows);
  });

  describe('misuse', () => {
    it('rejects a missing header, a short record and a non-numeric time, naming the line', () => {
      assertThrowsCode(() => parseLabelsCsv('a.wav,1,2,x\n', 'x.csv'), ErrorCode.INVALID_LABELS, /^x\.csv line 1: the header must name the columns file \(or filename\), start_s \(or onset\), end_s \(or offset\), label \(or event_label\); found a\.wav, 1, 2, x; missing file/);
      assertThrowsCode(() => parseLabelsCsv('file,start_s,end_s,label\na.wav,1,2\n', 'x.csv'), ErrorCode.INVALID_LABELS, /^x\.csv line 2: expected 4 fields \(file,start_s,end_s,label\) or the file alone, got 3; received "a\.wav,1,2"$/);
      assertThrowsCode(() => parseLabelsCsv('file,start_s,end_s,label\na.wav,1,soon,x\n', 'x.csv'), ErrorCode.INVALID_LABELS, /^x\.csv line 2: end_s must be a number of seconds, got "soon"; received "a\.wav,1,soon,x"$/);
    });
  });
});
