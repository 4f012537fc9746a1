import { LAYER_COUNT } from '../../domain/contract.js';
import { embeddingNovelty } from '../frame-scores/embedding-novelty.js';
import { noveltyVectors } from '../frame-scores/novelty-vectors.js';
import type { NoveltyVectorOptions } from '../frame-scores/novelty-vectors.js';
import { gaussianAccumulator } from '../models/gaussian-model.js';
import { referenceMatricesOf } from './context-members.js';
import type { Detector } from './detector.js';
import { fittedModel } from './fitted-model.js';
import { numberParam, stringParam } from './param-value.js';

const NAME = 'embeddingNovelty';

/** Novelty in embedding space: Mahalanobis distance of a frame's context to a Gaussian of a reference corpus. */
export const embeddingNoveltyDetector: Detector = {
  name: NAME,
  description:
    'Scores each frame by how far its context lies from a reference corpus of normal sound in embedding space. ' +
    'A frame\'s embedding is the sum of its codebook vectors over layers 1..layers; each file\'s median is ' +
    'subtracted, then the embeddings of ±context frames are averaged. A Gaussian (mean and shrunk covariance) is ' +
    'fitted once on the reference\'s context vectors, and the score is the Mahalanobis distance to it divided by ' +
    '√D: in reference standard deviations, about 1 for a typical reference frame. Needs the model\'s codebooks. ' +
    'Default threshold: fixed at 3 (a frame more than 3 reference standard deviations from normal sound), the ' +
    'same for every audio, so audio with nothing unusual in it gets no events.',
  parameters: [
    { name: 'reference', type: 'string', corpus: 'reference', description: 'Name of the reference corpus (normal sound) the Gaussian is fitted on.' },
    { name: 'layers', type: 'int', description: 'Layers 1..k whose codebook vectors are summed (the RVQ partial sum): k, 1..16.', default: LAYER_COUNT, min: 1, max: LAYER_COUNT },
    { name: 'context', type: 'int', description: 'Frames averaged on each side of a frame (2: five frames, 400 ms), cut at the ends of the audio.', default: 2, min: 0, max: 62 },
    {
      name: 'centring',
      type: 'string',
      description: 'fileMedian: subtract each file\'s per-dimension median embedding first (reference files too); none: keep embeddings as they are.',
      default: 'fileMedian',
      oneOf: ['fileMedian', 'none'],
    },
    { name: 'shrinkage', type: 'float', description: 'Added to the covariance\'s diagonal, as a fraction of the mean variance per dimension (0: none).', default: 0.001, min: 0, max: 1 },
  ],
  defaultThreshold: () => ({ rule: 'fixed', value: 3, comparison: 'GREATER_THAN' }),
  async score(matrix, params, env) {
    const codebooks = await env.codebooks();
    const reference = stringParam(params, 'reference');
    const shrinkage = numberParam(params, 'shrinkage');
    const options: NoveltyVectorOptions = {
      layers: numberParam(params, 'layers'),
      context: numberParam(params, 'context'),
      centring: stringParam(params, 'centring') === 'none' ? 'none' : 'fileMedian',
    };
    const key = { detector: NAME, corpus: reference, params: { ...options, shrinkage, codebooks: codebooks.sha256 } };
    const model = await fittedModel(env, key, async () => {
      const accumulator = gaussianAccumulator(codebooks.dim);
      for await (const reference of referenceMatricesOf(env.ctx, NAME)(key.corpus)) {
        env.ctx.signal?.throwIfAborted();
        accumulator.add(noveltyVectors(reference, codebooks, options));
      }
      return accumulator.fit(shrinkage, `reference corpus ${key.corpus}`);
    });
    return embeddingNovelty(noveltyVectors(matrix, codebooks, options), model);
  },
};
