import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankRows } from '../../../../src/analytics/comparison/leaderboard.js';
import type { LeaderboardRow } from '../../../../src/analytics/comparison/leaderboard.js';
import { scorecard } from '../../../../src/analytics/comparison/scorecard.js';
import type { ScoredFile } from '../../../../src/analytics/comparison/scorecard.js';

/** A file of `frames` frames whose scores are 1 inside [start, end) frames and 0 elsewhere. */
function file(name: string, frames: number, start: number, end: number, estimated: ScoredFile['estimated']): ScoredFile {
  return {
    file: name,
    frames,
    reference: [{ start: start * 0.08, end: end * 0.08, label: 'burst' }],
    estimated,
    scores: Float64Array.from({ length: frames }, (_, i) => (i >= start && i < end ? 1 : 0)),
  };
}

describe('scorecard', () => {
  it('scores a detector that finds every labelled event exactly as perfect, with intervals', () => {
    const files = [
      file('a', 50, 10, 20, [{ start: 0.8, end: 1.6, label: 'event' }]),
      file('b', 60, 30, 40, [{ start: 2.4, end: 3.2, label: 'event' }]),
    ];
    const card = scorecard(files, ['burst'], { iterations: 20, seed: 1 });
    assert.deepEqual(card.event.f1, { value: 1, low: 1, high: 1 });
    assert.equal(card.event.errorRate.value, 0);
    assert.equal(card.frame.auroc.value, 1);
    assert.equal(card.frame.auprc.value, 1);
    assert.deepEqual(card.classes.map((c) => [c.label, c.events, c.eventRecall.value, c.frameAuroc.value]), [['burst', 1 + 1, 1, 1]]);
  });

  it('reports undefined scores as null, not NaN: recall of a class without events', () => {
    const files = [file('a', 50, 10, 20, [])];
    const card = scorecard(files, ['burst', 'absent'], { iterations: 5, seed: 1 });
    assert.equal(card.event.recall.value, 0);
    const absent = card.classes.find((c) => c.label === 'absent')!;
    assert.deepEqual([absent.events, absent.eventRecall.value, absent.frameAuroc.value], [0, null, null]);
    assert.doesNotThrow(() => JSON.stringify(card));
  });

  it('leaves frames of other classes out of a class AUROC', () => {
    const f: ScoredFile = {
      file: 'a',
      frames: 30,
      reference: [
        { start: 0.8, end: 1.6, label: 'burst' },
        { start: 1.6, end: 2.4, label: 'click' },
      ],
      estimated: [],
      // burst frames score 2, click frames 3, background 0: burst beats every background frame.
      scores: Float64Array.from({ length: 30 }, (_, i) => (i >= 10 && i < 20 ? 2 : i >= 20 && i < 30 ? 3 : 0)),
    };
    const card = scorecard([f], ['burst', 'click'], { iterations: 5, seed: 1 });
    assert.equal(card.classes[0]!.frameAuroc.value, 1);
  });
});

describe('rankRows', () => {
  const row = (configuration: string, f1: number | null) => ({ configuration, event: { f1: { value: f1, low: null, high: null } } }) as unknown as LeaderboardRow;

  it('puts the best event F1 first, rows without F1 last, and keeps ties in the given order', () => {
    const ranked = rankRows([row('a', 0.2), row('b', null), row('c', 0.9), row('d', 0.2)]);
    assert.deepEqual(ranked.map((r) => r.configuration), ['c', 'a', 'd', 'b']);
  });
});
