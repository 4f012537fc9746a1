import { ALL_LAYERS } from '../../domain/contract.js';
import { changeRate } from '../frame-scores/change-rate.js';
import { movingAverage } from '../moving-average.js';
import type { Detector } from './detector.js';
import { layersParam, numberParam } from './param-value.js';

/** Change rate: how many layers change token from one frame to the next. */
export const changeRateDetector: Detector = {
  name: 'changeRate',
  description:
    'Scores each frame by how many of the chosen layers hold a different token than in the previous frame ' +
    '(frame 0 scores 0), optionally averaged over a centred window. Steady sounds keep tokens; onsets, clicks and ' +
    'noise bursts change many layers at once. Unit: layers. Default threshold: 95th percentile of the audio\'s scores.',
  parameters: [
    { name: 'layers', type: 'layers', description: 'Layers (1..16) whose token changes are counted.', default: ALL_LAYERS },
    {
      name: 'window',
      type: 'int',
      description: 'Centred moving-average window in frames (odd; 1 = no smoothing), cut at the ends of the audio.',
      default: 1,
      min: 1,
      max: 251,
      odd: true,
    },
  ],
  defaultThreshold: () => ({ rule: 'percentile', percentile: 95 }),
  async score(matrix, params) {
    return movingAverage(changeRate(matrix, layersParam(params, 'layers')), numberParam(params, 'window'));
  },
};
