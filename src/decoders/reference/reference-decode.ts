/**
 * The reference decoder: tokenscope-ref features (64 log-mel bands + 8 log 10 ms energies per
 * 1920-sample frame, unstandardised) → 24 kHz mono samples. Per frame the mel envelope becomes an
 * STFT magnitude (envelope-spectrum.ts); Griffin–Lim gives it a phase (griffin-lim.ts); each 10 ms
 * sub-block is scaled to its decoded energy (sub-block-gains.ts); samples are clipped to [−1, 1].
 * Deterministic, and local: a frame's samples depend on the features of the frames within
 * `contextFrames(options)` of it, so decoding any range with that context gives the same bytes as
 * decoding the whole (docs/reference-decoder.md).
 */
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { invalidArgument } from '../../errors.js';
import { envelopeMagnitudes, envelopeSpectrumModel, nodesToBins, nodesToBinsGeometric } from './envelope-spectrum.js';
import type { EnvelopeSpectrumModel } from './envelope-spectrum.js';
import { BLOCK_SAMPLES, ENVELOPE_BLOCKS, FEATURE_DIM, MEL_BANDS } from './feature-layout.js';
import { FrameMelMatch } from './frame-mel-match.js';
import { GriffinLim, reachSamples } from './griffin-lim.js';
import { referenceDecoderOptions } from './reference-decoder-options.js';
import type { ReferenceDecoderOptions } from './reference-decoder-options.js';
import { shapeSubBlocks } from './sub-block-gains.js';

/** What one segment's decode runs with these settings (`decodeSegment`), for the context bound and the benches. */
export interface DecodeSchedule {
  /** Forward STFTs: one per Griffin–Lim iteration, one per re-analysing matching round. */
  readonly analyses: number;
  /** Inverse STFTs: one per Griffin–Lim iteration, the first render, one per matching round. */
  readonly inverses: number;
  /** Loudness stages of `gainPasses` passes each: one per matching round, or one on the first render without matching. */
  readonly loudnessStages: number;
}

export function decodeSchedule(options: ReferenceDecoderOptions): DecodeSchedule {
  const rounds = options.matchIterations;
  return {
    // The first matching round scales the first STFT; only the later ones analyse the shaped render.
    analyses: options.iterations + (options.matchReanalyse ? Math.max(rounds - 1, 0) : 0),
    inverses: options.iterations + 1 + rounds,
    loudnessStages: Math.max(rounds, 1),
  };
}

/** Codec frames of context on each side that make a range's output independent of what lies beyond. */
export function contextFrames(options: ReferenceDecoderOptions): number {
  // Each loudness pass reaches one sub-block further. In a matching round an STFT frame's factor
  // blends the two codec frames whose centres surround its centre, each measured over its own 1920
  // samples (up to 1.5 frames away); a re-analysed frame reads half a window of samples (less);
  // its render reaches half a window. One more frame covers the target blending.
  const gains = decodeSchedule(options).loudnessStages * options.gainPasses * BLOCK_SAMPLES;
  const half = options.windowLength / 2;
  const matching = options.matchIterations * (half + Math.max(half, 1.5 * SAMPLES_PER_FRAME));
  return Math.ceil((reachSamples(options) + gains + matching) / SAMPLES_PER_FRAME) + 1;
}

function checkFeatures(features: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw invalidArgument(`n: expected a positive integer (frames); received ${n}`, { argument: 'n', value: n });
  if (features.length !== n * FEATURE_DIM) {
    throw invalidArgument(`features: expected ${n} × ${FEATURE_DIM} = ${n * FEATURE_DIM} values (n frames × ${FEATURE_DIM}); received ${features.length}`, { argument: 'features', length: features.length });
  }
  for (let i = 0; i < features.length; i++) {
    if (!Number.isFinite(features[i]!)) throw invalidArgument(`features: expected finite values; received ${features[i]} at frame ${Math.floor(i / FEATURE_DIM)}, value ${i % FEATURE_DIM}`, { argument: 'features', index: i });
  }
}

/** Tables and buffers shared by the segments of one decode. */
interface DecodeTools {
  readonly options: ReferenceDecoderOptions;
  readonly gl: GriffinLim;
  readonly model: EnvelopeSpectrumModel;
  readonly match: FrameMelMatch;
  /** The segments' arrays, reused from one segment to the next. */
  readonly buffers: { held: SegmentBuffers | null };
}

/** The tables of a decode that depend on its settings only, built once per settings value and thread (a worker decodes many blocks). */
type DecodeTables = Pick<DecodeTools, 'model' | 'match'>;
const TABLES = new Map<string, DecodeTables>();

function decodeTables(options: ReferenceDecoderOptions): DecodeTables {
  const key = `${options.fftSize}/${options.windowLength}/${options.envelopeIterations}`;
  let tables = TABLES.get(key);
  if (!tables) {
    // A handful of settings values at most in practice; the bound keeps a misuse from growing it.
    if (TABLES.size >= 8) TABLES.clear();
    tables = { model: envelopeSpectrumModel(options.fftSize, options.windowLength, options.envelopeIterations), match: new FrameMelMatch() };
    TABLES.set(key, tables);
  }
  return tables;
}

/** A segment's arrays, from the largest one of this decode so far (every entry is written before it is read). */
interface SegmentBuffers {
  readonly magnitudes: Float32Array;
  readonly logEnergies: Float64Array;
  readonly samples: Float64Array;
}

function segmentBuffers(tools: DecodeTools, frames: number, bins: number): SegmentBuffers {
  let held = tools.buffers.held;
  if (!held || held.logEnergies.length < frames * ENVELOPE_BLOCKS) {
    held = {
      magnitudes: new Float32Array(frames * bins),
      logEnergies: new Float64Array(frames * ENVELOPE_BLOCKS),
      samples: new Float64Array(frames * SAMPLES_PER_FRAME),
    };
    tools.buffers.held = held;
  }
  return {
    magnitudes: held.magnitudes.subarray(0, frames * bins),
    logEnergies: held.logEnergies.subarray(0, frames * ENVELOPE_BLOCKS),
    samples: held.samples.subarray(0, frames * SAMPLES_PER_FRAME),
  };
}

/** One segment [first, first + frames) decoded on its own, before cropping. */
function decodeSegment(features: Float32Array, first: number, frames: number, tools: DecodeTools): Float64Array {
  const { options, gl, model, match } = tools;
  const bins = gl.bins;
  const { magnitudes, logEnergies, samples } = segmentBuffers(tools, frames, bins);
  for (let f = 0; f < frames; f++) {
    const at = (first + f) * FEATURE_DIM;
    envelopeMagnitudes(model, features.subarray(at, at + MEL_BANDS), magnitudes.subarray(f * bins, (f + 1) * bins));
    for (let b = 0; b < ENVELOPE_BLOCKS; b++) logEnergies[f * ENVELOPE_BLOCKS + b] = features[at + MEL_BANDS + b]!;
  }
  const stft = gl.reconstruct(magnitudes, frames, first);
  gl.render(stft, samples);
  // With matching to come, its first round measures the render as it is (its corrections take in
  // the level too) and the loudness stage follows every matching render; without, it shapes this one.
  if (options.matchIterations === 0) shapeSubBlocks(samples, logEnergies, options.gainRamp, options.gainPasses);
  const measured = new Float64Array(MEL_BANDS);
  const ratios = new Float64Array(MEL_BANDS);
  const spread = options.matchInterpolation === 'geometric' ? nodesToBinsGeometric : nodesToBins;
  for (let round = 0; round < options.matchIterations; round++) {
    // Corrections are measured after the previous round's loudness stage (in round 1, on the plain
    // render), and the corrected render is shaped again. Round 1 scales the first STFT (the plain
    // render's analysis would give it back); later rounds start from the analysis of the shaped
    // render when re-analysing.
    for (let f = 0; f < frames; f++) {
      const at = (first + f) * FEATURE_DIM;
      match.measure(samples, f * SAMPLES_PER_FRAME, measured);
      match.ratios(features.subarray(at, at + MEL_BANDS), measured, ratios, options.matchStrength);
      spread(model, ratios, magnitudes.subarray(f * bins, (f + 1) * bins));
    }
    if (options.matchReanalyse && round > 0) gl.analyseInto(samples, stft);
    gl.scaleAndRender(stft, magnitudes, samples);
    shapeSubBlocks(samples, logEnergies, options.gainRamp, options.gainPasses);
  }
  return samples;
}

/**
 * Samples of frames [first, first + count) of the audio whose features are `features` (n × 72,
 * frame-major): count · 1920 float32 values in [−1, 1], the same values `referenceDecode` gives for
 * those frames.
 */
export function referenceDecodeRange(features: Float32Array, n: number, first: number, count: number, overrides: Partial<ReferenceDecoderOptions> = {}): Float32Array {
  checkFeatures(features, n);
  checkRange(n, first, count);
  return decodeInto(features, n, first, count, referenceDecoderOptions(overrides), new Float32Array(count * SAMPLES_PER_FRAME));
}

function checkRange(n: number, first: number, count: number): void {
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > n) {
    throw invalidArgument(`first, count: expected a range of frames inside 0..${n}; received first ${first}, count ${count}`, { argument: 'first', first, count });
  }
}

/**
 * `referenceDecodeRange` writing into `out` (count · 1920 values; a worker passes shared memory, so
 * that nothing has to be transferred back: see decode-worker.ts). Returns `out`.
 */
export function referenceDecodeRangeInto(features: Float32Array, n: number, first: number, count: number, overrides: Partial<ReferenceDecoderOptions>, out: Float32Array): Float32Array {
  checkFeatures(features, n);
  checkRange(n, first, count);
  const options = referenceDecoderOptions(overrides);
  if (out.length !== count * SAMPLES_PER_FRAME) throw invalidArgument(`out: expected ${count} × ${SAMPLES_PER_FRAME} = ${count * SAMPLES_PER_FRAME} samples; received ${out.length}`, { argument: 'out', length: out.length });
  return decodeInto(features, n, first, count, options, out);
}

/**
 * A thread that decodes many ranges one after another (a pool's worker) keeps the last decode's
 * tools, work arrays included (about 60 MB with the defaults), for the next one with the same
 * settings, instead of allocating and zeroing them again for every block. Off by default: a thread
 * that decodes now and then should not hold that memory between decodes.
 */
let keepTools = false;
let keptTools: { key: string; tools: DecodeTools } | null = null;

/** Makes this thread keep its decode tools between decodes (see `keepTools`); for decode-worker.ts. */
export function keepDecodeToolsBetweenDecodes(): void {
  keepTools = true;
}

function newTools(options: ReferenceDecoderOptions): DecodeTools {
  return { options, gl: new GriffinLim(options), ...decodeTables(options), buffers: { held: null } };
}

function toolsFor(options: ReferenceDecoderOptions): DecodeTools {
  if (!keepTools) return newTools(options);
  const key = JSON.stringify(options);
  if (keptTools?.key !== key) keptTools = { key, tools: newTools(options) };
  return keptTools.tools;
}

/** The decode of a checked range with checked options into `out`. */
function decodeInto(features: Float32Array, n: number, first: number, count: number, options: ReferenceDecoderOptions, out: Float32Array): Float32Array {
  const context = contextFrames(options);
  const tools = toolsFor(options);
  for (let start = first; start < first + count; start += options.blockFrames) {
    const end = Math.min(first + count, start + options.blockFrames);
    const from = Math.max(0, start - context);
    const to = Math.min(n, end + context);
    const samples = decodeSegment(features, from, to - from, tools);
    const skip = (start - from) * SAMPLES_PER_FRAME;
    const at = (start - first) * SAMPLES_PER_FRAME;
    for (let i = 0; i < (end - start) * SAMPLES_PER_FRAME; i++) {
      const v = samples[skip + i]!;
      out[at + i] = v > 1 ? 1 : v < -1 ? -1 : v;
    }
  }
  return out;
}

/**
 * Decodes `n` frames of reference-encoder features (n × 72 float32, frame-major, in the encoder's
 * raw units: natural-log mel powers and sub-block mean squares, before standardisation) to
 * n · 1920 samples at 24 kHz, clipped to [−1, 1]. INVALID_ARGUMENT for a wrong length, a
 * non-finite value or a bad option.
 */
export function referenceDecode(features: Float32Array, n: number, overrides: Partial<ReferenceDecoderOptions> = {}): Float32Array {
  return referenceDecodeRange(features, n, 0, n, overrides);
}
