import { invalidArgument } from '../../errors.js';
import { lbfgs } from './lbfgs.js';

/**
 * Multinomial logistic regression (softmax over K classes) with an L2 penalty, fitted by L-BFGS on
 * z-scored features. Deterministic: the same data and options give the same weights.
 */

/** A fitted model: z-scoring, then logits = W·z + b. */
export interface SoftmaxModel {
  readonly classes: number;
  readonly width: number;
  /** Per-feature mean and 1/std of the training data (1/std = 0 for a constant feature). */
  readonly mean: Float64Array;
  readonly inverseScale: Float64Array;
  /** classes × (width + 1): each class's weights, then its bias. */
  readonly weights: Float64Array;
  /** Iterations L-BFGS ran, and the final penalised loss (mean weighted cross-entropy + penalty). */
  readonly iterations: number;
  readonly loss: number;
}

/** Training data: n rows of `width` features, a class index per row, and optional row weights. */
export interface SoftmaxData {
  readonly rows: number;
  readonly width: number;
  /** rows × width, row-major. */
  readonly features: Float32Array;
  /** 0..classes − 1 per row. */
  readonly targets: Uint8Array;
  /** Weight of each row (default 1). */
  readonly rowWeights?: Float64Array;
}

/** Fitting options. */
export interface SoftmaxOptions {
  readonly classes: number;
  /** L2 penalty λ on the weights (not the biases): loss + λ/2 · ‖W‖². */
  readonly l2: number;
  /** Most L-BFGS iterations. */
  readonly maxIterations: number;
  /** Called between iterations; throw to stop. */
  readonly onIteration?: () => void;
}

/** Fits the model; INVALID_ARGUMENT for empty data or targets out of range. */
export function fitSoftmax(data: SoftmaxData, options: SoftmaxOptions): SoftmaxModel {
  const { rows, width, features, targets } = data;
  const K = options.classes;
  if (rows === 0) throw invalidArgument('softmax regression needs at least one training row; received 0', { rows });
  if (features.length !== rows * width || targets.length !== rows) {
    throw invalidArgument(`softmax regression: expected ${rows} × ${width} features and ${rows} targets; received ${features.length} and ${targets.length}`);
  }
  for (let i = 0; i < rows; i++) {
    if (targets[i]! >= K) throw invalidArgument(`softmax regression: target ${targets[i]} of row ${i} is not a class 0..${K - 1}`);
  }
  const rowWeights = data.rowWeights ?? new Float64Array(rows).fill(1);
  const { mean, inverseScale } = zScoring(features, rows, width, rowWeights);
  const z = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) z[i * width + j] = (features[i * width + j]! - mean[j]!) * inverseScale[j]!;
  let totalWeight = 0;
  for (let i = 0; i < rows; i++) totalWeight += rowWeights[i]!;
  const stride = width + 1;
  const logits = new Float64Array(K);
  const objective = (w: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const weight = rowWeights[i]! / totalWeight;
      if (weight === 0) continue;
      const at = i * width;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = w[k * stride + width]!;
        const wk = k * stride;
        for (let j = 0; j < width; j++) s += w[wk + j]! * z[at + j]!;
        logits[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += (logits[k] = Math.exp(logits[k]! - max));
      const target = targets[i]!;
      loss -= weight * Math.log(logits[target]! / sum);
      for (let k = 0; k < K; k++) {
        const delta = weight * (logits[k]! / sum - (k === target ? 1 : 0));
        if (delta === 0) continue;
        const wk = k * stride;
        for (let j = 0; j < width; j++) gradient[wk + j]! += delta * z[at + j]!;
        gradient[wk + width]! += delta;
      }
    }
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < width; j++) {
        const v = w[k * stride + j]!;
        loss += (options.l2 / 2) * v * v;
        gradient[k * stride + j]! += options.l2 * v;
      }
    }
    return loss;
  };
  const result = lbfgs(objective, new Float64Array(K * stride), {
    maxIterations: options.maxIterations,
    ...(options.onIteration ? { onIteration: options.onIteration } : {}),
  });
  return { classes: K, width, mean, inverseScale, weights: result.x, iterations: result.iterations, loss: result.loss };
}

/** Class probabilities of `rows` feature rows: rows × classes float32. */
export function predictSoftmax(model: SoftmaxModel, features: Float32Array, rows: number): Float32Array {
  const { classes: K, width, mean, inverseScale, weights } = model;
  const stride = width + 1;
  const out = new Float32Array(rows * K);
  const z = new Float64Array(width);
  const logits = new Float64Array(K);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < width; j++) z[j] = (features[i * width + j]! - mean[j]!) * inverseScale[j]!;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let s = weights[k * stride + width]!;
      for (let j = 0; j < width; j++) s += weights[k * stride + j]! * z[j]!;
      logits[k] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (logits[k] = Math.exp(logits[k]! - max));
    for (let k = 0; k < K; k++) out[i * K + k] = logits[k]! / sum;
  }
  return out;
}

/**
 * Per-feature weighted mean and 1/std (population, rows weighted as in the loss, so a row of weight 2
 * is the same row given twice); a constant feature gets 1/std = 0.
 */
function zScoring(features: Float32Array, rows: number, width: number, weights: Float64Array): { mean: Float64Array; inverseScale: Float64Array } {
  const mean = new Float64Array(width);
  const inverseScale = new Float64Array(width);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    total += weights[i]!;
    for (let j = 0; j < width; j++) mean[j]! += weights[i]! * features[i * width + j]!;
  }
  for (let j = 0; j < width; j++) mean[j]! /= total;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < width; j++) {
      const d = features[i * width + j]! - mean[j]!;
      inverseScale[j]! += weights[i]! * d * d;
    }
  }
  for (let j = 0; j < width; j++) {
    const sd = Math.sqrt(inverseScale[j]! / total);
    inverseScale[j] = sd > 1e-12 ? 1 / sd : 0;
  }
  return { mean, inverseScale };
}
