import { invalidArgument } from '../../errors.js';
import { classifyFrames, fitEventClassifier } from '../models/event-classifier-model.js';
import type { EventClassifierModel, EventClassifierSettings } from '../models/event-classifier-model.js';
import { heldOutWithin, trainingExamplesOf } from './context-members.js';
import type { ClassifiedScores, Detector, ResolvedParams } from './detector.js';
import { fittedModel } from './fitted-model.js';
import { numberParam, stringParam } from './param-value.js';

const NAME = 'eventClassifier';

/**
 * Defaults chosen on the dev corpus with source-held-out folds (docs/detectors.md,
 * scripts/tune-detectors/event-classifier.ts), never on the recordings it is judged on.
 */
export const EVENT_CLASSIFIER_DEFAULTS = {
  context: 4,
  sumLayers: 16,
  l2: 0.03,
  balance: 0.5,
  maxIterations: 60,
  backgroundPerEvent: 2,
  probability: 0.8,
  mergeGapFrames: 3,
  minEventFrames: 2,
} as const;

/** The settings a fit depends on, from the resolved parameters. */
function settingsOf(params: ResolvedParams): EventClassifierSettings {
  return {
    context: numberParam(params, 'context'),
    layers: numberParam(params, 'sumLayers'),
    l2: numberParam(params, 'l2'),
    balance: numberParam(params, 'balance'),
    maxIterations: numberParam(params, 'maxIterations'),
    backgroundPerEvent: numberParam(params, 'backgroundPerEvent'),
  };
}

/** The `classes` parameter as a sorted list; empty for '*'. */
function chosenClasses(params: ResolvedParams): string[] {
  const text = stringParam(params, 'classes').trim();
  if (text === '*') return [];
  const list = [...new Set(text.split(',').map((c) => c.trim()))].filter((c) => c !== '');
  if (list.length === 0) throw invalidArgument(`parameter classes of detector ${NAME} expects "*" or a comma-separated list of labels; received ${JSON.stringify(text)}`, { detector: NAME, parameter: 'classes' });
  return list.sort();
}

/**
 * Supervised, class-aware event detection on dequantized frames. Each frame's embedding (the sum
 * of its tokens' codebook vectors) minus the file's median embedding, with `context` frames either
 * side, goes through a multinomial logistic regression fitted on the labelled frames of a training
 * corpus: P(background) and P(class) per frame. The score is P(any event) = 1 − P(background);
 * events are runs above the probability threshold, and each event's class is the one with the
 * highest mean probability over its frames.
 */
export const eventClassifierDetector: Detector = {
  name: NAME,
  description:
    'Supervised and class-aware: scores each frame with class probabilities from a regularised multinomial logistic ' +
    'regression over its dequantized embedding (the sum of its 16 tokens\' codebook vectors, minus the file\'s median ' +
    'embedding) and those of ±context neighbours, fitted on the labelled frames of a training corpus. Score: probability ' +
    'that the frame belongs to any event (0..1). Every event carries a class and its mean probability. The scored audio ' +
    'is left out of training. Needs the model\'s codebooks. Defaults (±4 frames of context, L2 0.03, probability > 0.8, gaps ≤ 3 frames merged, events ' +
    'of ≥ 2 frames) are the best settings found on dev with source-held-out folds: `{"training": "<corpus>"}` alone is ' +
    'the strategy to run.',
  parameters: [
    { name: 'training', type: 'string', corpus: 'training', description: 'Name of the labelled corpus the classifier is fitted on.' },
    {
      name: 'classes',
      type: 'string',
      description: 'Classes to detect: "*" (every label of the training corpus) or a comma-separated list; frames of other labels are left out of training.',
      default: '*',
    },
    { name: 'context', type: 'int', description: 'Neighbouring frames on each side in a frame\'s features (frames, 0.08 s each).', default: EVENT_CLASSIFIER_DEFAULTS.context, min: 0, max: 8 },
    { name: 'sumLayers', type: 'int', description: 'Layers summed into each frame\'s embedding: layers 1..sumLayers of the residual quantiser.', default: EVENT_CLASSIFIER_DEFAULTS.sumLayers, min: 1, max: 16 },
    { name: 'l2', type: 'float', description: 'L2 penalty on the weights (per unit of mean cross-entropy; features are z-scored).', default: EVENT_CLASSIFIER_DEFAULTS.l2, min: 1e-6, max: 10 },
    {
      name: 'balance',
      type: 'float',
      description: 'Class balance exponent β: a training frame of class c weighs (frames / (classes · frames of c))^β; 0 leaves frames as they come, 1 weighs every class alike.',
      default: EVENT_CLASSIFIER_DEFAULTS.balance,
      min: 0,
      max: 1,
    },
    { name: 'maxIterations', type: 'int', description: 'Most L-BFGS iterations of the fit.', default: EVENT_CLASSIFIER_DEFAULTS.maxIterations, min: 1, max: 1000 },
    {
      name: 'backgroundPerEvent',
      type: 'float',
      description: 'At most this many unlabelled frames per labelled frame enter the fit (every s-th one, weighted s): bounds the fit\'s cost on long corpora.',
      default: EVENT_CLASSIFIER_DEFAULTS.backgroundPerEvent,
      min: 1,
      max: 1000,
    },
    {
      name: 'probability',
      type: 'float',
      description: 'Frames whose event probability is above this are flagged (0..1). Shorthand for threshold {rule: "fixed"}; not allowed with an explicit threshold.',
      default: EVENT_CLASSIFIER_DEFAULTS.probability,
      min: 0,
      max: 1,
    },
  ],
  thresholdParameters: ['probability'],
  defaultThreshold: (params) => ({ rule: 'fixed', value: numberParam(params, 'probability'), comparison: 'GREATER_THAN' }),
  defaultSegmenter: { mergeGapFrames: EVENT_CLASSIFIER_DEFAULTS.mergeGapFrames, minEventFrames: EVENT_CLASSIFIER_DEFAULTS.minEventFrames },
  async score(matrix, params, env): Promise<ClassifiedScores> {
    const corpus = stringParam(params, 'training');
    const wanted = chosenClasses(params);
    const settings = settingsOf(params);
    const codebooks = await env.codebooks();
    const heldOut = await heldOutWithin(env.ctx, NAME, corpus);
    const examples = trainingExamplesOf(env.ctx, NAME);
    const signal = env.ctx.signal;
    const model: EventClassifierModel = await fittedModel(env, { detector: NAME, corpus, params: { ...settings, classes: wanted, heldOut, codebooks: codebooks.sha256 } }, async () => {
      const source = async function* () {
        for await (const example of examples(corpus, heldOut)) {
          yield wanted.length === 0 ? example : { ...example, labels: example.labels.filter((l) => wanted.includes(l.label)), ignore: example.labels.filter((l) => !wanted.includes(l.label)) };
        }
      };
      return fitEventClassifier(source(), codebooks, settings, heldOut, { source: `training corpus ${corpus}`, onStep: () => signal?.throwIfAborted() });
    });
    const missing = wanted.filter((c) => !model.classes.includes(c));
    if (missing.length > 0) {
      throw invalidArgument(
        `training corpus ${corpus} has no frames labelled ${missing.map((c) => JSON.stringify(c)).join(', ')} outside the held-out audio; its classes: ${model.classes.join(', ') || 'none'}`,
        { detector: NAME, training: corpus, missing, classes: [...model.classes] },
      );
    }
    const { event, classes } = classifyFrames(model, matrix, codebooks);
    return { scores: event, classes: { labels: model.classes, probabilities: classes } };
  },
};
