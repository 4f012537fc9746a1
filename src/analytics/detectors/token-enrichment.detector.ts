import { ALL_LAYERS } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import { tokenEnrichment } from '../frame-scores/token-enrichment.js';
import { enrichmentCountsOf } from '../models/enrichment-counts.js';
import { heldOutWithin, trainingExamplesOf } from './context-members.js';
import type { Detector } from './detector.js';
import { fittedModel } from './fitted-model.js';
import { layersParam, numberParam, stringParam } from './param-value.js';

/**
 * Supervised token enrichment. The scored audio (ctx.heldOutAudioIds) is always left out of the
 * training data, automatically: the model is fitted on the rest of the training corpus.
 */
export const tokenEnrichmentDetector: Detector = {
  name: 'tokenEnrichment',
  description:
    'Scores each frame by how typical its tokens are of labelled events: per layer, the log-odds (bits) of the ' +
    'token in labelled event frames against unlabelled frames of a training corpus (add-α smoothed), summed over ' +
    'the chosen layers. The audio being scored is always left out of training, so it is evaluated on audio the ' +
    'model did not see. Default threshold: 95th percentile of the audio\'s scores.',
  parameters: [
    { name: 'training', type: 'string', corpus: 'training', description: 'Name of the training corpus whose labelled audio the log-odds are learned from.' },
    { name: 'label', type: 'string', description: 'Label text of event frames; "*" takes every label. Frames with only other labels are ignored.', default: '*' },
    { name: 'layers', type: 'layers', description: 'Layers (1..16) whose log-odds are summed.', default: ALL_LAYERS },
    { name: 'alpha', type: 'float', description: 'Add-α pseudo-count per token on both sides of the log-odds (tokens).', default: 0.5, min: 0.001 },
  ],
  defaultThreshold: () => ({ rule: 'percentile', percentile: 95 }),
  async score(matrix, params, env) {
    const corpus = stringParam(params, 'training');
    const label = stringParam(params, 'label');
    const layers = layersParam(params, 'layers');
    const heldOut = await heldOutWithin(env.ctx, 'tokenEnrichment', corpus);
    const counts = await fittedModel(env, { detector: 'tokenEnrichment', corpus, params: { label, layers, heldOut } }, () =>
      enrichmentCountsOf(trainingExamplesOf(env.ctx, 'tokenEnrichment')(corpus, heldOut), layers, label, heldOut),
    );
    if (counts.eventFrames === 0 || counts.backgroundFrames === 0) {
      const missing = counts.eventFrames === 0 ? `frames labelled ${label === '*' ? 'at all' : JSON.stringify(label)}` : 'unlabelled frames';
      throw invalidArgument(`training corpus ${corpus} has no ${missing} outside the held-out audio (${heldOut.join(', ') || 'none'})`, {
        training: corpus,
        label,
        eventFrames: counts.eventFrames,
        backgroundFrames: counts.backgroundFrames,
      });
    }
    return tokenEnrichment(matrix, counts, numberParam(params, 'alpha'));
  },
};
