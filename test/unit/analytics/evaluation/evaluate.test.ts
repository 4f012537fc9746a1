import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { evaluate } from '../../../../src/analytics/evaluation/evaluate.js';
import type { Event } from '../../../../src/analytics/evaluation/event.js';
import { assertThrowsCode } from '../../../support/errors.js';
import { assertFieldsClose } from './approx.js';

const ev = (start: number, end: number, label = 'a', file = 'f'): Event => ({ file, start, end, label });
const tenSeconds = [{ file: 'f', durationSeconds: 10 }];
const noBootstrap = { bootstrap: false } as const;

describe('evaluate', () => {
  it('reports micro (overall) and macro (class-wise average) scores that differ', () => {
    // a: three exact hits. b: reference [7, 8), estimate [7.5, 8.5) — onset 0.5 s off, no hit.
    const reference = [ev(1, 2), ev(3, 4), ev(5, 6), ev(7, 8, 'b')];
    const estimated = [ev(1, 2), ev(3, 4), ev(5, 6), ev(7.5, 8.5, 'b')];
    const report = evaluate(reference, estimated, tenSeconds, noBootstrap);
    assert.deepEqual(report.classes, ['a', 'b']);
    // Event-based. a: P = R = F = 1, ER 0. b: P = R = F = 0, ER (1 + 1)/1 = 2.
    // Overall: TP 3 of 4 and 4 → P = R = F = 3/4; b's pair is no substitution (times differ),
    // so D 1, I 1 → ER 2/4. Macro: F (1 + 0)/2, ER (0 + 2)/2.
    assertFieldsClose(report.classWise['a']!.event, { precision: 1, recall: 1, f1: 1, errorRate: 0 });
    assertFieldsClose(report.classWise['b']!.event, { precision: 0, recall: 0, f1: 0, errorRate: 2 });
    assertFieldsClose(report.overall.event, { precision: 0.75, recall: 0.75, f1: 0.75, errorRate: 0.5 });
    assertFieldsClose(report.classWiseAverage.event, { precision: 0.5, recall: 0.5, f1: 0.5, errorRate: 1 });
    // Segment-based (1 s). a: segments 1, 3, 5 in both → F 1. b: reference segment 7, estimate
    // segments 7, 8 → TP 1, FP 1 → P 1/2, R 1, F 2/3, ER (0 + 1)/1. Overall: N 4, estimated 5, TP 4,
    // segment 8 has one insertion → P 4/5, R 1, F 8/9, ER 1/4. Macro F (1 + 2/3)/2 = 5/6, ER 1/2.
    assertFieldsClose(report.classWise['b']!.segment, { precision: 0.5, recall: 1, f1: 2 / 3, errorRate: 1 });
    assertFieldsClose(report.overall.segment, { precision: 0.8, recall: 1, f1: 8 / 9, errorRate: 0.25 });
    assertFieldsClose(report.classWiseAverage.segment, { f1: 5 / 6, errorRate: 0.5 });
  });

  it('sums counts over files and reports each file when asked', () => {
    const files = [
      { file: 'x', durationSeconds: 5 },
      { file: 'y', durationSeconds: 5 },
    ];
    // x: one hit. y: one miss and one false alarm far away. Overall: TP 1 of N 2 and 2 estimates.
    const reference = [ev(1, 2, 'a', 'x'), ev(1, 2, 'a', 'y')];
    const estimated = [ev(1, 2, 'a', 'x'), ev(3, 4, 'a', 'y')];
    const report = evaluate(reference, estimated, files, { ...noBootstrap, perFile: true });
    assertFieldsClose(report.overall.event, { precision: 0.5, recall: 0.5, f1: 0.5, errorRate: 1 });
    assertFieldsClose(report.perFile!['x']!.event, { f1: 1, errorRate: 0 });
    assertFieldsClose(report.perFile!['y']!.event, { f1: 0, errorRate: 2 });
    assert.equal(report.files, 2);
  });

  it('scores any event class-agnostically when asked', () => {
    const labelled = evaluate([ev(1, 2, 'a')], [ev(1, 2, 'b')], tenSeconds, noBootstrap);
    assertFieldsClose(labelled.overall.event, { f1: 0, errorRate: 1, substitutionRate: 1 });
    const agnostic = evaluate([ev(1, 2, 'a')], [ev(1, 2, 'b')], tenSeconds, { ...noBootstrap, classAgnostic: true });
    assert.deepEqual(agnostic.classes, ['event']);
    assertFieldsClose(agnostic.overall.event, { precision: 1, recall: 1, f1: 1, errorRate: 0 });
  });

  it('leaves recall and F1 undefined for an empty reference and scores 0 for empty estimates', () => {
    const noReference = evaluate([], [ev(1, 2)], tenSeconds, noBootstrap);
    assertFieldsClose(noReference.overall.event, { precision: 0, recall: NaN, f1: NaN, errorRate: NaN });
    const noEstimates = evaluate([ev(1, 2), ev(3, 4)], [], tenSeconds, noBootstrap);
    assertFieldsClose(noEstimates.overall.event, { precision: 0, recall: 0, f1: 0, errorRate: 1, deletionRate: 1 });
    const nan = evaluate([ev(1, 2), ev(3, 4)], [], tenSeconds, { ...noBootstrap, emptyEstimates: 'nan' });
    assertFieldsClose(nan.overall.event, { precision: NaN, recall: 0, f1: NaN });
  });

  it('keeps a listed class without events and skips its undefined F1 in the macro average', () => {
    const report = evaluate([ev(1, 2)], [ev(1, 2)], tenSeconds, { ...noBootstrap, classes: ['a', 'c'] });
    assertFieldsClose(report.classWise['c']!.event, { precision: 0, recall: NaN, f1: NaN, errorRate: 0 });
    assertFieldsClose(report.classWiseAverage.event, { f1: 1, recall: 1, precision: 0.5, errorRate: 0 });
  });

  it('gives bootstrap intervals that are repeatable and contain the point estimate', () => {
    const files = ['f1', 'f2', 'f3', 'f4'].map((file) => ({ file, durationSeconds: 5 }));
    // f1, f3 hits; f2 a miss; f4 a false alarm → TP 2, N 3, 3 estimates → F 2/3.
    const reference = [ev(1, 2, 'a', 'f1'), ev(1, 2, 'a', 'f2'), ev(1, 2, 'a', 'f3')];
    const estimated = [ev(1, 2, 'a', 'f1'), ev(1, 2, 'a', 'f3'), ev(1, 2, 'a', 'f4')];
    const report = evaluate(reference, estimated, files, { bootstrap: { seed: 7 } });
    const again = evaluate(reference, estimated, files, { bootstrap: { seed: 7 } });
    assert.deepEqual(report.intervals, again.intervals);
    assertFieldsClose(report.overall.event, { f1: 2 / 3 });
    const f1 = report.intervals!.overall.event.f1;
    assert.ok(f1.low < 2 / 3 && 2 / 3 < f1.high, JSON.stringify(f1));
    assert.ok(report.intervals!.classWise['a']!.segment.f1.replicates > 0);
  });

  it('gives a zero-width interval at the point estimate for a single file', () => {
    const report = evaluate([ev(1, 2), ev(3, 4)], [ev(1, 2)], tenSeconds, { bootstrap: { iterations: 20 } });
    assertFieldsClose(report.intervals!.overall.event.recall, { low: 0.5, high: 0.5, replicates: 20 });
  });

  describe('misuse', () => {
    it('rejects an event in an unknown file, backwards times, a repeated file and bad options', () => {
      const invalid = ErrorCode.INVALID_ARGUMENT;
      assertThrowsCode(() => evaluate([ev(1, 2, 'a', 'g')], [], tenSeconds), invalid, /reference\[0\]\.file "g" is not among the evaluated files/);
      assertThrowsCode(() => evaluate([], [ev(2, 1)], tenSeconds), invalid, /estimated\[0\] must have finite times .*received start 2, end 1/);
      assertThrowsCode(() => evaluate([], [], [...tenSeconds, ...tenSeconds]), invalid, /files\[1\] repeats the file "f"/);
      assertThrowsCode(() => evaluate([], [], tenSeconds, { collarSeconds: 0 }), invalid, /collarSeconds must be > 0 seconds; received 0/);
      assertThrowsCode(() => evaluate([ev(1, 2, 'z')], [], tenSeconds, { classes: ['a'] }), invalid, /missing "z"/);
    });
  });
});
