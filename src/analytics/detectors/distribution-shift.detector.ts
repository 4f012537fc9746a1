import { distributionShift } from '../frame-scores/distribution-shift.js';
import { KEY_LAYERS } from '../layer-selection.js';
import type { Detector } from './detector.js';
import { cachedReferenceCounts } from './fitted-model.js';
import { layersParam, numberParam, stringParam } from './param-value.js';

/** Distribution shift: a sliding window's token distribution against a reference corpus (JSD). */
export const distributionShiftDetector: Detector = {
  name: 'distributionShift',
  description:
    'Scores each frame by the Jensen–Shannon divergence (bits, 0..1) between the token distribution of a window ' +
    'centred on it and the reference corpus\'s distribution, per layer, averaged over the chosen layer group ' +
    '(default the key layers 10–14; run again with all 16 to compare groups). Catches stretches whose token ' +
    'usage drifts away from normal audio, such as hum or a failing microphone. Default threshold: 95th percentile.',
  parameters: [
    { name: 'reference', type: 'string', corpus: 'reference', description: 'Name of the reference corpus (normal audio) giving the expected distribution.' },
    { name: 'layers', type: 'layers', description: 'The layer group (1..16) whose per-layer divergences are averaged.', default: KEY_LAYERS },
    {
      name: 'window',
      type: 'int',
      description: 'Window length in frames (odd, centred; 25 frames = 2 s), cut at the ends of the audio.',
      default: 25,
      min: 1,
      max: 1251,
      odd: true,
    },
  ],
  defaultThreshold: () => ({ rule: 'percentile', percentile: 95 }),
  async score(matrix, params, env) {
    const reference = await cachedReferenceCounts(env, stringParam(params, 'reference'));
    return distributionShift(matrix, reference, layersParam(params, 'layers'), numberParam(params, 'window'));
  },
};
