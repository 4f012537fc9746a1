import { keyLayerVariance } from '../frame-scores/key-layer-variance.js';
import { KEY_LAYERS } from '../layer-selection.js';
import type { Detector } from './detector.js';
import { layersParam, numberParam } from './param-value.js';

/** The guide's §4.2 cough detector: variance across layers 10–14, 95th-percentile threshold. */
export const keyLayerVarianceDetector: Detector = {
  name: 'keyLayerVariance',
  description:
    'Scores each frame by the population variance (token ids squared) of its tokens across the chosen layers, ' +
    'by default the key layers 10–14 where short, loud events such as coughs make the tokens jump. ' +
    'A frame is flagged when its score is strictly above the given percentile of all scores of the audio ' +
    '(numpy linear percentile). From the guide: np.var(codes[9:14], axis=0) > np.percentile(variance, 95). ' +
    'Because the threshold is relative, some frames are flagged in almost every recording, anomalous or not.',
  parameters: [
    {
      name: 'layers',
      type: 'layers',
      description: 'Layers (1..16) whose tokens are compared within each frame.',
      default: KEY_LAYERS,
    },
    {
      name: 'percentile',
      type: 'float',
      description: 'Percentile (0..100) of the audio\'s scores used as threshold; frames above it are flagged. Shorthand for threshold {rule: "percentile"}; not allowed with an explicit threshold.',
      default: 95,
      min: 0,
      max: 100,
    },
  ],
  thresholdParameters: ['percentile'],
  defaultThreshold: (params) => ({ rule: 'percentile', percentile: numberParam(params, 'percentile') }),
  async score(matrix, params) {
    return keyLayerVariance(matrix, layersParam(params, 'layers'));
  },
};
