import { ALL_LAYERS } from '../../domain/contract.js';
import { interLayerSpread } from '../frame-scores/inter-layer-spread.js';
import type { Detector } from './detector.js';
import { layersParam, numberParam } from './param-value.js';

/** The guide's §5.1 layer-consistency score: standard deviation across all 16 layers per frame. */
export const interLayerSpreadDetector: Detector = {
  name: 'interLayerSpread',
  description:
    'Scores each frame by the population standard deviation (token ids) of its tokens across the chosen layers, ' +
    'by default all 16: in steady speech the layers agree and the spread is low; coughs and sneezes push it very ' +
    'high, electrical noise keeps it moderately high for long stretches. A frame is flagged when its score is ' +
    'strictly above the given percentile of all scores of the audio (numpy linear percentile). ' +
    'From the guide: np.std(codes, axis=0).',
  parameters: [
    {
      name: 'layers',
      type: 'layers',
      description: 'Layers (1..16) whose tokens are compared within each frame.',
      default: ALL_LAYERS,
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
    return interLayerSpread(matrix, layersParam(params, 'layers'));
  },
};
