import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate } from '../../../../src/analytics/evaluation/evaluate.js';
import { lengthsFromEvents } from '../../../../src/analytics/evaluation/evaluated-lengths.js';
import type { Event } from '../../../../src/analytics/evaluation/event.js';
import type { EvaluationOptions } from '../../../../src/analytics/evaluation/evaluation-options.js';
import { parseDcaseEvents } from '../../../../src/labels/parse-dcase-events.js';
import { repoRoot } from '../../../support/paths.js';

/** sed_eval's tests compare with nose's assert_almost_equals (7 places); the bar is 1e-6. */
function near(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-6, `${what}: sed_eval gives ${expected}, we give ${actual}`);
}

/** Loads one of sed_eval's event lists (test/fixtures/sed_eval, copied from sed_eval's tests/data/sound_event). */
function fixture(name: string) {
  return parseDcaseEvents(readFileSync(join(repoRoot(), 'test', 'fixtures', 'sed_eval', name), 'utf8'), name);
}

/** Scores like sed_eval's tests: classes from the reference, every reference file, lengths from the events. */
function score(reference: ReturnType<typeof fixture>, estimated: ReturnType<typeof fixture>, options: EvaluationOptions = {}) {
  const classes = [...new Set(reference.rows.map((r) => r.label))];
  const files = lengthsFromEvents(reference.files, reference.rows, estimated.rows);
  return evaluate(reference.rows, estimated.rows, files, { classes, emptyEstimates: 'nan', bootstrap: false, ...options });
}

const car = (start: number, end: number): Event => ({ file: 'audio/street/b099.wav', start, end, label: 'car' });

describe('sed_eval conformance (its published test data and expected values)', () => {
  it("reproduces test_dcase_style: street_fold1 segment-based overall error rate 1.0616698292220115 at 1 s", () => {
    const report = score(fixture('street_fold1_reference.txt'), fixture('street_fold1_detected.txt'));
    near(report.overall.segment.errorRate, 1.0616698292220115, 'overall segment-based ER');
    assert.equal(report.files, 6);
  });

  it('matches class-wise segment-based counts and macro averages of street_fold1 derived independently (derive-class-wise.py)', () => {
    // Not published by sed_eval (its tests check overall values only): counts from a NumPy
    // re-implementation of sed_eval's event roll and metrics, test/fixtures/sed_eval/derive-class-wise.py.
    const report = score(fixture('street_fold1_reference.txt'), fixture('street_fold1_detected.txt'));
    const expected: Record<string, [tp: number, fn: number, fp: number, f1: number, er: number]> = {
      car: [259, 135, 101, 0.6870026525198939, 0.5989847715736041],
      'brakes squeaking': [0, 36, 8, 0, 1.2222222222222223],
      'large vehicle': [8, 184, 53, 0.06324110671936758, 1.234375],
      'people walking': [4, 243, 7, 0.031007751937984496, 1.0121457489878543],
      children: [0, 44, 114, 0, 3.590909090909091],
      'people speaking': [1, 140, 145, 0.006968641114982578, 2.021276595744681],
    };
    for (const [label, [tp, fn, fp, f1, er]] of Object.entries(expected)) {
      const { counts, ...scores } = report.classWise[label]!.segment;
      assert.deepEqual([counts.truePositives, counts.deletions, counts.insertions, counts.substitutions], [tp, fn, fp, 0], label);
      near(scores.f1, f1, `${label} F1`);
      near(scores.errorRate, er, `${label} ER`);
    }
    near(report.classWiseAverage.segment.f1, 0.1313700253820381, 'class-wise average segment-based F1');
    near(report.classWiseAverage.segment.errorRate, 1.613318904906242, 'class-wise average segment-based ER');
  });

  it('reproduces test_event_matching: optimal and greedy matching agree on street_fold1, overall and class-wise average', () => {
    const reference = fixture('street_fold1_reference.txt');
    const estimated = fixture('street_fold1_detected.txt');
    const optimal = score(reference, estimated, { matching: 'optimal' });
    const greedy = score(reference, estimated, { matching: 'greedy' });
    near(optimal.overall.event.f1, greedy.overall.event.f1, 'overall event-based F1');
    near(optimal.overall.event.errorRate, greedy.overall.event.errorRate, 'overall event-based ER');
    near(optimal.classWiseAverage.event.errorRate, greedy.classWiseAverage.event.errorRate, 'class-wise average event-based ER');
  });

  it('reproduces test_binary (binary5): event-based error rate 1.5 and F1 0 over six files, two without events', () => {
    const report = score(fixture('binary5.txt'), fixture('binary5_detected.txt'));
    assert.equal(report.files, 6);
    near(report.overall.event.errorRate, 1.5, 'overall event-based ER');
    near(report.overall.event.f1, 0, 'overall event-based F1');
  });

  it('reproduces test_direct_use_segment: segment-based error rate 0.555555555555', () => {
    const reference = [car(0, 2.5), car(2.8, 4.5), car(6, 10)];
    const estimated = [car(1, 3.5), car(7, 8)];
    const files = lengthsFromEvents(['audio/street/b099.wav'], reference, estimated);
    const report = evaluate(reference, estimated, files, { emptyEstimates: 'nan', bootstrap: false });
    near(report.overall.segment.errorRate, 0.555555555555, 'overall segment-based ER');
    // One class, so its class-wise error rate (no substitutions) is the overall one.
    near(report.classWise['car']!.segment.errorRate, 0.555555555555, 'class-wise segment-based ER of car');
  });

  it('reproduces test_direct_use_event: event-based F1 0.8 and error rate 0.3333333333333 with t_collar 0.2', () => {
    const reference = [car(0, 2.5), car(2.8, 4.5), car(6, 10)];
    const estimated = [car(0.2, 3.5), car(6, 8)];
    const files = lengthsFromEvents(['audio/street/b099.wav'], reference, estimated);
    const report = evaluate(reference, estimated, files, { collarSeconds: 0.2, emptyEstimates: 'nan', bootstrap: false });
    near(report.overall.event.f1, 0.8, 'overall event-based F1');
    near(report.overall.event.errorRate, 0.3333333333333, 'overall event-based ER');
    near(report.classWise['car']!.event.f1, 0.8, 'class-wise event-based F1 of car');
  });

  it('reproduces test_empty_system_output_handling: class-wise average F1 1.0 by default and 0.5 with zero_score', () => {
    const reference: Event[] = [
      { file: 'f1.wav', start: 0.3, end: 0.8, label: 'event A' },
      { file: 'f2.wav', start: 0.1, end: 0.8, label: 'event B' },
    ];
    const estimated: Event[] = [{ file: 'f1.wav', start: 0.2, end: 0.9, label: 'event A' }];
    const files = lengthsFromEvents(['f1.wav', 'f2.wav'], reference, estimated);
    const options = { classes: ['event A', 'event B'], collarSeconds: 0.2, offsetLengthFraction: 0.2, bootstrap: false } as const;
    const nan = evaluate(reference, estimated, files, { ...options, emptyEstimates: 'nan' });
    const zero = evaluate(reference, estimated, files, { ...options, emptyEstimates: 'zero-score' });
    near(nan.classWiseAverage.event.f1, 1.0, 'class-wise average F1 (default)');
    near(zero.classWiseAverage.event.f1, 0.5, 'class-wise average F1 (zero_score)');
    assert.ok(Number.isNaN(nan.classWise['event B']!.event.f1), 'class-wise F1 of event B is NaN by default');
    near(zero.classWise['event B']!.event.f1, 0, 'class-wise F1 of event B with zero_score');
  });
});
