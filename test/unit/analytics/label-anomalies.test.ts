import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelAnomalies } from '../../../src/analytics/label-anomalies.js';
import { segmentAnomalies } from '../../../src/analytics/segment-anomalies.js';

// 6 frames, classes [cough, knock]; events [0, 2) and [3, 6).
const classes = {
  labels: ['cough', 'knock'],
  probabilities: Float32Array.from([0.75, 0.25, 0.25, 0.5, 0, 0, 0.25, 0.5, 0.5, 0.5, 0.25, 0.75]),
};
const events = segmentAnomalies(Uint8Array.from([1, 1, 0, 1, 1, 1]), [1, 2, 0, 3, 2, 1]);

describe('labelAnomalies', () => {
  it('gives each event the class with the highest mean probability over its frames, and that mean', () => {
    const labelled = labelAnomalies(events, classes);
    assert.deepEqual(labelled.map((e) => [e.startFrame, e.endFrame, e.label, e.probability]), [
      [0, 2, 'cough', 0.5],
      [3, 6, 'knock', 0.5833333333333334],
    ]);
  });

  it('keeps the frames, peak and score of every event', () => {
    const labelled = labelAnomalies(events, classes);
    assert.deepEqual(labelled.map(({ label: _l, probability: _p, ...rest }) => rest), events);
  });

  it('lets the class listed first win a tie', () => {
    const tie = { labels: ['a', 'b'], probabilities: Float32Array.from([0.5, 0.5]) };
    assert.equal(labelAnomalies(segmentAnomalies(Uint8Array.from([1]), [1]), tie)[0]!.label, 'a');
  });
});
