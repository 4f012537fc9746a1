import type { Codebooks } from '../../codebooks/codebooks.js';
import { dequantize } from '../../codebooks/dequantize.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { LAYER_COUNT } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import { dimensionMedians } from '../frame-scores/subtract-file-median.js';
import { fitSoftmax } from '../classifiers/softmax-regression.js';
import type { SoftmaxModel } from '../classifiers/softmax-regression.js';
import type { FrameLabel, TrainingExample } from '../detectors/detector-context.js';
import { contextFeatures } from '../embeddings/context-features.js';

/** What shapes an event classifier's fit. */
export interface EventClassifierSettings {
  /** Frames of context on each side of the scored frame. */
  readonly context: number;
  /** Layers summed into each frame's embedding (1..k). */
  readonly layers: number;
  /** L2 penalty on the weights (per unit of mean cross-entropy). */
  readonly l2: number;
  /**
   * Class balance exponent β: a frame of class c weighs (n / (K · n_c))^β, so 0 leaves the frames as
   * they come and 1 gives every class (background included) the same total weight.
   */
  readonly balance: number;
  /** Most L-BFGS iterations. */
  readonly maxIterations: number;
  /**
   * At most this many background frames per event frame enter the fit: every s-th background frame
   * is kept, weighted s, so the fit's cost stays bounded on long, sparsely labelled corpora.
   */
  readonly backgroundPerEvent: number;
}

/** A fitted classifier: class 0 is background, then `classes` in order. */
export interface EventClassifierModel {
  /** Event classes, sorted (background not included). */
  readonly classes: readonly string[];
  readonly settings: EventClassifierSettings;
  readonly softmax: SoftmaxModel;
  /** Training frames per class: background first, then `classes`. */
  readonly framesPerClass: readonly number[];
  /** Training audio used (ids ascending). */
  readonly audioIds: readonly number[];
  /** Identity of the codebooks the embeddings came from. */
  readonly codebooksSha256: string;
}

/** Marks a frame left out of training. */
const IGNORED = '\u0000ignored';

/** The features the classifier sees for every frame of `matrix`. */
export function eventClassifierFeatures(matrix: CodeMatrix, codebooks: Codebooks, settings: Pick<EventClassifierSettings, 'context' | 'layers'>) {
  return contextFeatures(dequantize(matrix, codebooks, settings.layers), codebooks.dim, { context: settings.context });
}

/**
 * Fits the classifier on the labelled frames of `examples` (those whose id is in `heldOut` are
 * skipped). A frame is of class c when a label c covers it (the first label wins where labels of
 * two classes overlap), background when none does; frames only in an `ignore` span are left out.
 * `source` names the data in messages (e.g. "training corpus dev"). INVALID_ARGUMENT when the data hold no labelled
 * frame or no background frame.
 */
export async function fitEventClassifier(
  examples: AsyncIterable<TrainingExample & { readonly ignore?: readonly FrameLabel[] }>,
  codebooks: Codebooks,
  settings: EventClassifierSettings,
  heldOut: readonly number[],
  options: { readonly source?: string; readonly onStep?: () => void } = {},
): Promise<EventClassifierModel> {
  const { onStep, source = 'the training data' } = options;
  const parts: { values: Float32Array; targets: string[] }[] = [];
  const audioIds: number[] = [];
  let width = 0;
  for await (const { audioId, matrix, labels, ignore = [] } of examples) {
    if (heldOut.includes(audioId) || matrix.frames === 0) continue;
    onStep?.();
    audioIds.push(audioId);
    const features = eventClassifierFeatures(matrix, codebooks, settings);
    width = features.width;
    const targets: string[] = new Array<string>(matrix.frames).fill('');
    for (const span of ignore) {
      for (let f = Math.max(0, span.startFrame); f < Math.min(matrix.frames, span.endFrame); f++) targets[f] = IGNORED;
    }
    for (const span of labels) {
      for (let f = Math.max(0, span.startFrame); f < Math.min(matrix.frames, span.endFrame); f++) if (targets[f] === '' || targets[f] === IGNORED) targets[f] = span.label;
    }
    parts.push({ values: features.values, targets });
  }
  const classes = [...new Set(parts.flatMap((p) => p.targets).filter((t) => t !== '' && t !== IGNORED))].sort();
  let eventRows = 0;
  let backgroundRows = 0;
  for (const p of parts) for (const t of p.targets) if (t === '') backgroundRows++; else if (t !== IGNORED) eventRows++;
  const stride = Math.max(1, Math.ceil(backgroundRows / Math.max(1, settings.backgroundPerEvent * eventRows)));
  const rows = eventRows + Math.ceil(backgroundRows / stride);
  const index = new Map(classes.map((c, i) => [c, i + 1]));
  const features = new Float32Array(rows * width);
  const targets = new Uint8Array(rows);
  const sampleWeight = new Float64Array(rows);
  let at = 0;
  let seenBackground = 0;
  for (const part of parts) {
    part.targets.forEach((t, f) => {
      if (t === IGNORED) return;
      if (t === '' && seenBackground++ % stride !== 0) return;
      features.set(part.values.subarray(f * width, (f + 1) * width), at * width);
      sampleWeight[at] = t === '' ? stride : 1;
      targets[at++] = t === '' ? 0 : index.get(t)!;
    });
  }
  const K = classes.length + 1;
  const framesPerClass = new Array<number>(K).fill(0);
  for (let i = 0; i < rows; i++) framesPerClass[targets[i]!]! += sampleWeight[i]!;
  const frames = eventRows + backgroundRows;
  if (classes.length === 0 || framesPerClass[0] === 0) {
    throw invalidArgument(`${source} holds no ${classes.length === 0 ? 'labelled' : 'unlabelled (background)'} frame outside the held-out audio (${heldOut.join(', ') || 'none'})`, {
      audios: audioIds.length,
      frames,
    });
  }
  const classWeight = framesPerClass.map((n) => (n === 0 ? 0 : (frames / (K * n)) ** settings.balance));
  const rowWeights = new Float64Array(rows);
  for (let i = 0; i < rows; i++) rowWeights[i] = classWeight[targets[i]!]! * sampleWeight[i]!;
  const softmax = fitSoftmax(
    { rows, width, features, targets, rowWeights },
    { classes: K, l2: settings.l2, maxIterations: settings.maxIterations, ...(onStep ? { onIteration: onStep } : {}) },
  );
  return { classes, settings, softmax, framesPerClass, audioIds: audioIds.sort((a, b) => a - b), codebooksSha256: codebooks.sha256 };
}

/** Per frame of `matrix`: P(any event) = 1 − P(background), and P(class) for every event class (frames × classes). */
export function classifyFrames(model: EventClassifierModel, matrix: CodeMatrix, codebooks: Codebooks): { event: Float64Array; classes: Float32Array } {
  const p = classProbabilities(model, matrix, codebooks);
  const frames = matrix.frames;
  const K = model.classes.length;
  const event = new Float64Array(frames);
  const classes = new Float32Array(frames * K);
  for (let f = 0; f < frames; f++) {
    event[f] = 1 - p[f * (K + 1)]!;
    for (let c = 0; c < K; c++) classes[f * K + c] = p[f * (K + 1) + c + 1]!;
  }
  return { event, classes };
}

/** The fitted softmax with its z-scoring folded in: logits = folded · x + bias, x the raw context features. */
interface FoldedSoftmax {
  /** classes × width. */
  readonly folded: Float64Array;
  readonly bias: Float64Array;
  /** [layer][token][offset][class]: the folded weights of each offset applied to each codebook vector. */
  readonly tokenTable: Float64Array;
}

const foldedModels = new WeakMap<EventClassifierModel, FoldedSoftmax>();

/**
 * Folds the z-scoring into the weights and tabulates every codebook vector against every offset's
 * weights, once per fitted model (cached): a frame's projection is then a sum of table entries of its
 * tokens, and scoring never builds the (2c + 1)·D-wide features.
 */
function foldedSoftmax(model: EventClassifierModel, codebooks: Codebooks): FoldedSoftmax {
  const cached = foldedModels.get(model);
  if (cached) return cached;
  const { classes: K, width, mean, inverseScale, weights } = model.softmax;
  const { dim, entries, vectors } = codebooks;
  const span = 2 * model.settings.context + 1;
  const stride = width + 1;
  const folded = new Float64Array(K * width);
  const bias = new Float64Array(K);
  for (let c = 0; c < K; c++) {
    let b = weights[c * stride + width]!;
    for (let j = 0; j < width; j++) {
      const w = weights[c * stride + j]! * inverseScale[j]!;
      folded[c * width + j] = w;
      b -= w * mean[j]!;
    }
    bias[c] = b;
  }
  const layers = model.settings.layers;
  const tokenTable = new Float64Array(layers * entries * span * K);
  for (let l = 0; l < layers; l++) {
    for (let t = 0; t < entries; t++) {
      const v = ((l * entries) + t) * dim;
      const to = (l * entries + t) * span * K;
      for (let k = 0; k < span; k++) {
        for (let c = 0; c < K; c++) {
          const w = c * width + k * dim;
          let s = 0;
          for (let d = 0; d < dim; d++) s += folded[w + d]! * vectors[v + d]!;
          tokenTable[to + k * K + c] = s;
        }
      }
    }
  }
  const out = { folded, bias, tokenTable };
  foldedModels.set(model, out);
  return out;
}

/**
 * Softmax probabilities (frames × (classes + 1), background first) of every frame of `matrix`, equal
 * to predictSoftmax on eventClassifierFeatures up to float rounding (tested). The logits are linear in
 * the features, so the file median's part is one constant per class, and each frame's embedding part
 * is a sum of token-table entries: O(frames · layers · (2c + 1) · classes) after the table.
 */
export function classProbabilities(model: EventClassifierModel, matrix: CodeMatrix, codebooks: Codebooks): Float32Array {
  const { folded, bias, tokenTable } = foldedSoftmax(model, codebooks);
  const { dim, entries } = codebooks;
  const { context, layers } = model.settings;
  const span = 2 * context + 1;
  const K = model.softmax.classes;
  const width = model.softmax.width;
  const frames = matrix.frames;
  const medians = dimensionMedians(dequantize(matrix, codebooks, layers), dim);
  // Every feature is an embedding minus the median: the median's share of the logits is a constant.
  const offsetBias = Float64Array.from(bias);
  for (let c = 0; c < K; c++) for (let k = 0; k < span; k++) for (let d = 0; d < dim; d++) offsetBias[c]! -= folded[c * width + k * dim + d]! * medians[d]!;
  // projections[(g · span + k) · K + c]: offset k's weights of class c applied to frame g's embedding.
  const projections = new Float64Array(frames * span * K);
  const row = span * K;
  for (let g = 0; g < frames; g++) {
    const to = g * row;
    for (let l = 0; l < layers; l++) {
      const from = (l * entries + matrix.tokens[g * LAYER_COUNT + l]!) * row;
      for (let i = 0; i < row; i++) projections[to + i]! += tokenTable[from + i]!;
    }
  }
  const out = new Float32Array(frames * K);
  const logits = new Float64Array(K);
  for (let f = 0; f < frames; f++) {
    logits.set(offsetBias);
    for (let k = 0; k < span; k++) {
      const g = Math.min(frames - 1, Math.max(0, f + k - context));
      for (let c = 0; c < K; c++) logits[c]! += projections[(g * span + k) * K + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (logits[c]! > max) max = logits[c]!;
    let sum = 0;
    for (let c = 0; c < K; c++) sum += (logits[c] = Math.exp(logits[c]! - max));
    for (let c = 0; c < K; c++) out[f * K + c] = logits[c]! / sum;
  }
  return out;
}
