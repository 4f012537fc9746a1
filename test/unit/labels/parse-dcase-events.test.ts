import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { parseDcaseEvents } from '../../../src/labels/parse-dcase-events.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('DCASE event lists', () => {
  it('reads filename<TAB>onset<TAB>offset<TAB>event_label lines and keeps a file named alone', () => {
    const parsed = parseDcaseEvents('a.wav\t0.5\t1.25\tdog bark\nb.wav\n\na.wav\t2\t3\tcar\n', 'x.txt');
    assert.deepEqual(parsed.rows, [
      { file: 'a.wav', start: 0.5, end: 1.25, label: 'dog bark' },
      { file: 'a.wav', start: 2, end: 3, label: 'car' },
    ]);
    assert.deepEqual(parsed.files, ['a.wav', 'b.wav']);
  });

  it('reads the scene_label column of sed_eval files, padded numbers and space-separated lines whose label has spaces', () => {
    const text = 'audio/street/b099.wav\tstreet\t0.186989\t2.558792\tcar\nb.wav\t  0.100000\t  2.200000\tbabycry\nc.wav 1 2 brakes squeaking\n';
    assert.deepEqual(parseDcaseEvents(text, 'x.txt').rows, [
      { file: 'audio/street/b099.wav', start: 0.186989, end: 2.558792, label: 'car' },
      { file: 'b.wav', start: 0.1, end: 2.2, label: 'babycry' },
      { file: 'c.wav', start: 1, end: 2, label: 'brakes squeaking' },
    ]);
  });

  it('reads the CSV form after the header filename,onset,offset,event_label, and skips a tab header', () => {
    assert.deepEqual(parseDcaseEvents('filename,onset,offset,event_label\na.wav,1,2.5,speech\n', 'x.csv').rows, [
      { file: 'a.wav', start: 1, end: 2.5, label: 'speech' },
    ]);
    assert.deepEqual(parseDcaseEvents('filename\tonset\toffset\tevent_label\na.wav\t1\t2\tcar\n', 'x.tsv').rows, [
      { file: 'a.wav', start: 1, end: 2, label: 'car' },
    ]);
  });

  describe('misuse', () => {
    it('rejects a non-numeric onset or offset, naming the file, line and value', () => {
      assertThrowsCode(() => parseDcaseEvents('a.wav\t1\t2\tcar\na.wav\tsoon\t2\tcar\n', 'x.txt'), ErrorCode.INVALID_LABELS, /^x\.txt line 2: onset must be a number of seconds, got "soon"; received "a\.wav\tsoon\t2\tcar"$/);
      assertThrowsCode(() => parseDcaseEvents('a.wav\t1\tInfinity\tcar\n', 'x.txt'), ErrorCode.INVALID_LABELS, /x\.txt line 1: offset must be a number of seconds, got "Infinity"/);
    });

    it('rejects a line without a label and a reversed or negative event', () => {
      assertThrowsCode(() => parseDcaseEvents('a.wav\t1\t2\n', 'x.txt'), ErrorCode.INVALID_LABELS, /x\.txt line 1: expected filename, onset, offset and event_label; received "a\.wav\t1\t2"/);
      assertThrowsCode(() => parseDcaseEvents('a.wav\t3\t2\tcar\n', 'x.txt'), ErrorCode.INVALID_LABELS, /x\.txt line 1: expected 0 ≤ onset ≤ offset, got onset 3 and offset 2/);
      assertThrowsCode(() => parseDcaseEvents('a.wav\t-1\t2\tcar\n', 'x.txt'), ErrorCode.INVALID_LABELS, /x\.txt line 1: expected 0 ≤ onset ≤ offset, got onset -1/);
    });
  });
});
