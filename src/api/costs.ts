import type { ComplexityEstimator } from 'graphql-query-complexity';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { LIMITS } from './limits.js';

/**
 * What a field costs, in units of one value in the response. A field without a cost here costs 1
 * plus its selection; the costs below sit beside their fields (the `complexity` option) and are
 * stated in their schema docs. The sum over an operation is checked against LIMITS.maxComplexity
 * before anything runs, and decides its lane (LIMITS.heavyCost).
 */
export const COST = {
  /** A field read through a per-request DataLoader: one batched statement serves every key. */
  loader: 2,
  /** A field that issues its own store statements. */
  store: 200,
  /** Per corpus a statistics field merges: three statements over the pre-aggregates and a merge. */
  perCorpus: 500,
  /** A read of one layer's column over every frame of a corpus, where no pre-aggregate serves (token pairs). */
  layerScan: 5_000,
  /** One detector run: reads the audio's whole matrix (and any reference corpus), then scores every frame. */
  detect: 5_000,
  /** One comparison: detectors on every audio of a corpus; its own caps bound it (configurations, folds, bootstrap). */
  compare: 20_000,
  /** One perturbation of a stability run: every audio file of a corpus read, perturbed (or decoded) and re-encoded. Priced at LIMITS.heavyCost, so one perturbation runs in the heavy lane and the 12 a run may hold (MAX_PERTURBATIONS) stay under a third of LIMITS.maxComplexity, as every shipped operation must. */
  stability: 5_000,
  /** A dataset export or import: every table of the corpora written to or read from Parquet, in one transaction. */
  dataset: 20_000,
  /** A leaderboard row's class-aware report: read with the row's stored JSON, its size bounded by the run's classes. */
  classAwareReport: 100,
  /** Per column of an `Audio.signal` window: its waveform's 3 float32 and one packed spectrogram column (64 bytes, as a code window's frame is 16 tokens), cut from a kept summary. */
  signalColumn: 4,
  /** An integrity check: six full scans of the stored tables (store/integrity-check.ts), as six layer scans. */
  integrityCheck: 30_000,
  /** Quality figures of a reconstruction window: a decode of up to LIMITS.maxReconstructionFrames frames, the original read up to the window's end, two spectral analyses. */
  reconstructionFigures: 5_000,
  /** Items assumed for a list that has no cap of its own (corpora, labels, runs, detectors). */
  assumedList: 10,
} as const;

/** The number a list argument asks for, or `fallback` when absent (null or not a number). */
function count(value: unknown, fallback: number): number {
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : fallback;
}

/**
 * Items a size argument asks for, at most `max`. A size over its cap counts 0: the resolver refuses
 * it (naming the argument and the cap) before any work, and that message helps more than a cost.
 */
function capped(value: unknown, fallback: number, max: number): number {
  const n = count(value, fallback);
  return n > max ? 0 : n;
}

/** Base cost plus the selection once: a store read returning one object. */
export function storeRead(base: number = COST.store): ComplexityEstimator {
  return ({ childComplexity }) => base + childComplexity;
}

/** Base cost plus the selection times a list length taken from argument `arg` (capped at `max`). */
export function listOf(base: number, arg: string | null, fallback: number, max: number = Number.MAX_SAFE_INTEGER): ComplexityEstimator {
  return ({ args, childComplexity }) => base + capped(arg ? args[arg] : undefined, fallback, max) * childComplexity;
}

/** Base cost plus the selection for each of an assumed number of items (lists without a cap). */
export function uncappedList(base: number): ComplexityEstimator {
  return ({ childComplexity }) => base + COST.assumedList * childComplexity;
}

/** Per-layer lists: the selection once per layer asked for (`layers`; all 16 when omitted). */
export function perLayer(base: number): ComplexityEstimator {
  return ({ args, childComplexity }) => base + Math.min(count(args['layers'], LAYER_COUNT) || LAYER_COUNT, LAYER_COUNT) * childComplexity;
}

/** A statistics field over the corpora of `corpora` (one corpus for a `corpus` argument). */
export function perCorpus(extra = 0): ComplexityEstimator {
  return ({ args, childComplexity }) => COST.perCorpus * Math.max(1, count(args['corpora'], 1)) + extra + childComplexity;
}

/** A window of frames: the selection once per frame (`frameCount`, or `fallback` frames when absent). */
export function perFrame(base: number, fallback: number): ComplexityEstimator {
  return ({ args, childComplexity }) => base + capped(args['frameCount'], fallback, LIMITS.maxWindowFrames) * Math.max(1, childComplexity);
}

/** A whole codebook histogram: one value per token id. */
export const HISTOGRAM_COST = COST.loader + CODEBOOK_SIZE;

/** `base` for each item of list argument `arg` (e.g. paths), plus the selection once. */
export function eachOf(arg: string, base: number): ComplexityEstimator {
  return ({ args, childComplexity }) => base * Math.max(1, count(args[arg], 1)) + childComplexity;
}

/** A signal window: a store read, COST.signalColumn per column asked for (`columns`, capped at LIMITS.maxSignalColumns), and the selection once. */
export function perSignalColumn(fallback: number): ComplexityEstimator {
  return ({ args, childComplexity }) => COST.store + capped(args['columns'], fallback, LIMITS.maxSignalColumns) * COST.signalColumn + childComplexity;
}
