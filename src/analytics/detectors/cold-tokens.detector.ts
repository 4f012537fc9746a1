import { ALL_LAYERS } from '../../domain/contract.js';
import { coldTokenCount } from '../frame-scores/cold-token-count.js';
import type { Detector } from './detector.js';
import { cachedReferenceCounts } from './fitted-model.js';
import { layersParam, numberParam, stringParam } from './param-value.js';

/** The guide's §5.2 cold tokens: frames using tokens that a normal reference corpus (almost) never uses. */
export const coldTokensDetector: Detector = {
  name: 'coldTokens',
  description:
    'Scores each frame by how many of its tokens (over the chosen layers) are cold: seen at most ' +
    'maxReferenceCount times in the same layer of a reference corpus of normal audio. A frame is flagged ' +
    'when it has at least minColdTokens cold tokens. Device faults tend to produce tokens that normal ' +
    'speech almost never uses (the guide, §5.2). The reference should come from the same model.',
  parameters: [
    {
      name: 'reference',
      type: 'string',
      corpus: 'reference',
      description: 'Name of the reference corpus (normal audio) whose per-layer token counts define "cold".',
    },
    {
      name: 'layers',
      type: 'layers',
      description: 'Layers (1..16) whose tokens are checked.',
      default: ALL_LAYERS,
    },
    {
      name: 'maxReferenceCount',
      type: 'int',
      description: 'A token is cold when the reference holds it at most this many times in that layer (0 = unseen).',
      default: 0,
      min: 0,
    },
    {
      name: 'minColdTokens',
      type: 'int',
      description: 'Cold tokens (over the chosen layers) a frame needs to be flagged. Shorthand for threshold {rule: "fixed", comparison: "AT_LEAST"}; not allowed with an explicit threshold.',
      default: 1,
      min: 1,
    },
  ],
  thresholdParameters: ['minColdTokens'],
  defaultThreshold: (params) => ({ rule: 'fixed', value: numberParam(params, 'minColdTokens'), comparison: 'AT_LEAST' }),
  async score(matrix, params, env) {
    const counts = await cachedReferenceCounts(env, stringParam(params, 'reference'));
    return coldTokenCount(
      matrix,
      counts,
      layersParam(params, 'layers'),
      numberParam(params, 'maxReferenceCount'),
    );
  },
};
