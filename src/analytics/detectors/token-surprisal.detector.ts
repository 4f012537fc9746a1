import { ALL_LAYERS } from '../../domain/contract.js';
import { tokenSurprisal } from '../frame-scores/token-surprisal.js';
import { bigramCountsOf, unigramCountsOf } from '../models/ngram-counts.js';
import { referenceMatricesOf } from './context-members.js';
import type { Detector } from './detector.js';
import { cachedReferenceCounts, fittedModel } from './fitted-model.js';
import { layersParam, numberParam, stringParam } from './param-value.js';

/** Token surprisal under a per-layer n-gram model of a reference corpus of normal audio. */
export const tokenSurprisalDetector: Detector = {
  name: 'tokenSurprisal',
  description:
    'Scores each frame by how surprising its tokens are to a per-layer n-gram model fitted on a reference corpus ' +
    'of normal audio: −Σ log2 P(token) over the chosen layers, in bits. Order 1 uses add-α unigrams; order 2 ' +
    'interpolates bigrams P(token | previous frame\'s token) with them (weight lambda). Tokens the reference never ' +
    'used cost about log2(2048 + N/α) bits each. Default threshold: 95th percentile of the audio\'s scores.',
  parameters: [
    { name: 'reference', type: 'string', corpus: 'reference', description: 'Name of the reference corpus (normal audio) the model is fitted on.' },
    { name: 'layers', type: 'layers', description: 'Layers (1..16) whose tokens are scored and summed.', default: ALL_LAYERS },
    { name: 'order', type: 'int', description: 'n-gram order: 1 = unigram, 2 = bigram over consecutive frames (80 ms).', default: 2, min: 1, max: 2 },
    { name: 'alpha', type: 'float', description: 'Add-α pseudo-count per token in the unigram (tokens).', default: 0.5, min: 0.001 },
    { name: 'lambda', type: 'float', description: 'Weight (0..1) of the bigram estimate against the unigram one; order 2 only.', default: 0.9, min: 0, max: 1 },
  ],
  defaultThreshold: () => ({ rule: 'percentile', percentile: 95 }),
  async score(matrix, params, env) {
    const corpus = stringParam(params, 'reference');
    const layers = layersParam(params, 'layers');
    const order = numberParam(params, 'order');
    const counts =
      order === 1
        ? unigramCountsOf(await cachedReferenceCounts(env, corpus), layers)
        : await fittedModel(env, { detector: 'tokenSurprisal', corpus, params: { order, layers } }, () =>
            bigramCountsOf(referenceMatricesOf(env.ctx, 'tokenSurprisal')(corpus), layers),
          );
    return tokenSurprisal(matrix, counts, { alpha: numberParam(params, 'alpha'), lambda: numberParam(params, 'lambda') });
  },
};
