import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configurationJson, configurationLabel, thresholdLabel } from '../../../../src/dashboard/lab/configuration-label.js';

const SEGMENTER = { mergeGapFrames: 0, minEventFrames: 1, padFrames: 0 };

describe('readable configuration labels', () => {
  it('names the detector, its non-default parameters, the threshold rule and the segmenter’s non-default fields', () => {
    const row = {
      configuration: 'eventClassifier {"context":4,"probability":0.8,"segmenter":{"mergeGapFrames":3}}',
      detector: 'eventClassifier',
      parameters: { training: 'lab', context: 4, probability: 0.8, l2: 0.01 },
      thresholdRule: { rule: 'fixed', value: 0.8, comparison: 'GREATER_THAN' },
      segmenter: { ...SEGMENTER, mergeGapFrames: 3 },
    };
    assert.equal(configurationLabel(row, { training: null, context: 2, probability: 0.5, l2: 0.01 }), 'eventClassifier · training lab · context 4 · p>0.8 · merge 3');
  });

  it('names every parameter when the detector’s defaults are unknown, and lists layer lists compactly', () => {
    const row = { configuration: '', detector: 'keyLayerVariance', parameters: { layers: [1, 2, 3], contextFrames: 5 }, thresholdRule: { rule: 'robustZ', k: 3 }, segmenter: { ...SEGMENTER, minEventFrames: 4, padFrames: 2 } };
    assert.equal(configurationLabel(row), 'keyLayerVariance · layers 1,2,3 · context frames 5 · z > 3 · min 4 frames · pad 2');
  });

  it('leaves out a percentile parameter that the percentile rule already names', () => {
    const row = { configuration: '', detector: 'keyLayerVariance', parameters: { percentile: 90 }, thresholdRule: { rule: 'percentile', percentile: 90 }, segmenter: SEGMENTER };
    assert.equal(configurationLabel(row, { percentile: 95 }), 'keyLayerVariance · > p90');
  });

  it('keeps the own name of detections made elsewhere', () => {
    assert.equal(configurationLabel({ configuration: 'theirs', detector: 'external', parameters: {}, thresholdRule: {}, segmenter: {}, protocol: 'EXTERNAL' }), 'theirs');
  });

  it('writes each threshold rule in a few characters', () => {
    assert.deepEqual(
      [
        thresholdLabel({ rule: 'fixed', value: 3, comparison: 'AT_LEAST' }),
        thresholdLabel({ rule: 'topK', k: 5 }),
        thresholdLabel({ rule: 'hysteresis', high: 90, low: 70, levels: 'percentile' }),
        thresholdLabel({ rule: 'hysteresis', high: 2, low: 1, levels: 'value' }),
        thresholdLabel({}),
      ],
      ['score ≥ 3', 'top 5', 'hysteresis 90/70 pct', 'hysteresis 2/1', ''],
    );
  });

  it('gives the resolved options as JSON for the tooltip', () => {
    const row = { configuration: '', detector: 'changeRate', parameters: { window: 3 }, thresholdRule: { rule: 'percentile', percentile: 95 }, segmenter: SEGMENTER };
    assert.deepEqual(JSON.parse(configurationJson(row)), { detector: 'changeRate', parameters: { window: 3 }, threshold: { rule: 'percentile', percentile: 95 }, segmenter: SEGMENTER });
  });
});
