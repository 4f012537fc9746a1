import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode } from '../../../src/errors.js';
import { checkLabelSpans, parseAudacityLabels } from '../../../src/labels/parse-audacity-labels.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('parseAudacityLabels', () => {
  it('reads start, end and label, skipping blank and spectral-selection lines', () => {
    const text = '4.309458\t5.044458\tlaugh\n\\\t100\t2000\n\n8.5\t8.5\tpoint label\r\n9\t10\t\n';
    assert.deepEqual(parseAudacityLabels(text, 'a.txt'), [
      { start: 4.309458, end: 5.044458, label: 'laugh' },
      { start: 8.5, end: 8.5, label: 'point label' },
      { start: 9, end: 10, label: '' },
    ]);
  });

  it('reads an empty file as no labels', () => {
    assert.deepEqual(parseAudacityLabels('', 'empty.txt'), []);
  });

  it('rejects a line without two numbers, naming the file and line', () => {
    assertThrowsCode(() => parseAudacityLabels('1\t2\tok\nfoo\tbar\tbad\n', 'x.txt'), ErrorCode.INVALID_LABELS, /x\.txt line 2: expected start<TAB>end<TAB>label in seconds; received "foo\tbar\tbad"/);
  });
});

describe('checkLabelSpans', () => {
  it('accepts spans inside the audio and overlapping spans of different classes', () => {
    checkLabelSpans([{ start: 1, end: 2, label: 'cough' }, { start: 1.5, end: 3, label: 'speech' }], 3.02, 'ok.txt');
  });

  describe('misuse', () => {
    it('rejects reversed, negative, too-late and same-class overlapping spans, naming the label', () => {
      assertThrowsCode(() => checkLabelSpans([{ start: 2, end: 1, label: 'cough' }], 10, 'a.txt'), ErrorCode.INVALID_LABELS, /a\.txt: label 1 \(cough 2–1 s\) ends before it starts/);
      assertThrowsCode(() => checkLabelSpans([{ start: -0.5, end: 1, label: 'x' }], 10, 'a.txt'), ErrorCode.INVALID_LABELS, /starts before 0 s/);
      assertThrowsCode(() => checkLabelSpans([{ start: 9, end: 10.2, label: 'x' }], 10, 'a.txt'), ErrorCode.INVALID_LABELS, /ends after the audio \(10\.000 s\)/);
      assertThrowsCode(
        () => checkLabelSpans([{ start: 1, end: 3, label: 'knock' }, { start: 2, end: 4, label: 'knock' }], 10, 'a.txt'),
        ErrorCode.INVALID_LABELS,
        /label 2 \(knock 2–4 s\) overlaps label 1 of the same class/,
      );
    });
  });
});
