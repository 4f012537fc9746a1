import { LAYER_COUNT } from '../../domain/contract.js';
import { embeddingChange } from '../frame-scores/embedding-change.js';
import type { Detector } from './detector.js';
import { numberParam } from './param-value.js';

/** Onsets in embedding space: how far the mean embedding moves across each frame boundary. */
export const embeddingChangeDetector: Detector = {
  name: 'embeddingChange',
  description:
    'Scores each frame f by the Euclidean distance between the mean embedding of the window frames before it and ' +
    'the window frames from it on (embedding: the sum of the codebook vectors of layers 1..layers; windows cut at ' +
    'the ends of the audio; frame 0 has distance 0), as a robust z-score within the audio: (distance − median) / ' +
    '(1.4826 · MAD). Peaks mark onsets and offsets: where the sound changes. No training; needs the model\'s ' +
    'codebooks. Default threshold: fixed at 3, i.e. a robust z of 3 within the audio.',
  parameters: [
    { name: 'layers', type: 'int', description: 'Layers 1..k whose codebook vectors are summed (the RVQ partial sum): k, 1..16.', default: LAYER_COUNT, min: 1, max: LAYER_COUNT },
    { name: 'window', type: 'int', description: 'Frames averaged on each side of a boundary (1 = 80 ms).', default: 1, min: 1, max: 125 },
  ],
  defaultThreshold: () => ({ rule: 'fixed', value: 3, comparison: 'GREATER_THAN' }),
  async score(matrix, params, env) {
    const codebooks = await env.codebooks();
    return embeddingChange(matrix, codebooks, numberParam(params, 'layers'), numberParam(params, 'window'));
  },
};
