/**
 * Phase reconstruction for one segment of whole codec frames: an STFT whose frames are centred on a
 * grid of `hop` samples counted from the start of the audio, a fixed-seed random initial phase per
 * (STFT frame, bin), then a fixed number of fast Griffin–Lim iterations (Perraudin, Balazs and
 * Søndergaard 2013: project onto the target magnitudes, then extrapolate with `momentum`). Every
 * value depends only on the targets and samples within a bounded distance (see `reachSamples`), so
 * two segments that both contain that neighbourhood compute the same samples, bit for bit.
 */
import { SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { RealFft } from '../../signal/fft.js';
import { hannWindow } from '../../signal/hann-window.js';

/** STFT and iteration settings. */
export interface GriffinLimSettings {
  /** FFT size in samples (a power of two ≥ windowLength). */
  readonly fftSize: number;
  /** Periodic Hann window length in samples. */
  readonly windowLength: number;
  /** Hop between STFT frames in samples (divides 1920). */
  readonly hop: number;
  /** Griffin–Lim iterations (0: the random-phase initial estimate only). */
  readonly iterations: number;
  /** Fast Griffin–Lim extrapolation factor (0: classic Griffin–Lim). */
  readonly momentum: number;
}

/** Entries of the unit-phasor table the initial phases are drawn from. */
const PHASES = 4096;
const PHASE_COS = Float64Array.from({ length: PHASES }, (_, i) => Math.cos((2 * Math.PI * i) / PHASES));
const PHASE_SIN = Float64Array.from({ length: PHASES }, (_, i) => Math.sin((2 * Math.PI * i) / PHASES));

/** A fixed hash of (absolute STFT frame, bin) into the phasor table: the same audio position, the same phase. */
function phaseIndex(frame: number, bin: number): number {
  let h = Math.imul(frame, 0x9e3779b1) ^ Math.imul(bin + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & (PHASES - 1);
}

/** Samples from a segment's edge within which its output may differ from that of a longer segment. */
export function reachSamples(s: GriffinLimSettings): number {
  // Each analysis and each synthesis spreads by half a window; targets blend neighbouring frames.
  return (s.iterations + 1) * s.windowLength + SAMPLES_PER_FRAME;
}

/** An STFT of one segment: `count` frames × bins, frame-major, and the ISTFT's divisor per sample. */
export interface Stft {
  /** Codec frames in the segment. */
  readonly frames: number;
  /** STFT frames. */
  readonly count: number;
  /** Samples in the segment (frames · 1920). */
  readonly length: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** 1 / Σ w² per sample. */
  readonly norm: Float64Array;
}

/**
 * 1 / Σ_q w²(n − start_q) for n < length (0 where no frame covers n), frames q < count starting at
 * q · hop − window.length / 2, the squares added in frame order. A sample whose covering frames all
 * exist (0 ≤ q < count) adds the same squares in the same order as the sample one hop later, so
 * between the edges one hop's values are computed and then repeated: the same doubles, for about
 * one window of additions per edge instead of one per frame.
 */
export function inverseWindowEnergy(window: Float64Array, hop: number, count: number, length: number): Float64Array {
  const L = window.length;
  const out = new Float64Array(length);
  // Every covering frame exists for n in [lo, hi): the lowest, ⌊(n − L/2)/hop⌋ + 1, is ≥ 0 and the highest, ⌊(n + L/2)/hop⌋, < count.
  const lo = Math.max(0, L / 2 - hop);
  const hi = Math.min(length, count * hop - L / 2);
  if (hi - lo < 2 * hop) {
    windowEnergyDirect(window, hop, count, out, 0, length);
    return out;
  }
  windowEnergyDirect(window, hop, count, out, 0, lo + hop);
  for (let n = lo + hop; n < hi; n++) out[n] = out[n - hop]!;
  windowEnergyDirect(window, hop, count, out, hi, length);
  return out;
}

/** inverseWindowEnergy for the samples [from, to) of `out` (zero there), adding frame by frame. */
function windowEnergyDirect(window: Float64Array, hop: number, count: number, out: Float64Array, from: number, to: number): void {
  const L = window.length;
  for (let q = 0; q < count; q++) {
    const start = q * hop - L / 2;
    const a = Math.max(0, from - start);
    const b = Math.min(L, to - start);
    for (let m = a; m < b; m++) out[start + m] += window[m]! * window[m]!;
  }
  for (let n = from; n < to; n++) out[n] = out[n]! > 0 ? 1 / out[n]! : 0;
}

/** The arrays one segment's reconstruction works in. */
interface Workspace {
  readonly size: number;
  readonly target: Float64Array;
  readonly cRe: Float64Array;
  readonly cIm: Float64Array;
  readonly pRe: Float64Array;
  readonly pIm: Float64Array;
  readonly samples: Float64Array;
}

/** Reusable buffers and tables for one settings value. */
export class GriffinLim {
  private readonly window: Float64Array;
  private readonly fft: RealFft;
  /** The window times the inverse FFT's 1 / (fftSize/2) (null if that is not a power of two; fftSize always is). */
  private readonly scaledWindow: Float64Array | null;
  /** Work arrays, grown to the largest segment seen and reused by the next (a segment's STFT is consumed before the next one starts). */
  private work: Workspace | null = null;
  /** Window-energy tables by STFT frame count (a decode's segments come in three sizes: first, inner, last). */
  private readonly norms = new Map<number, Float64Array>();
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** STFT frames per codec frame. */
  private readonly perFrame: number;
  readonly bins: number;

  constructor(readonly settings: GriffinLimSettings) {
    this.window = hannWindow(settings.windowLength);
    this.fft = new RealFft(settings.fftSize);
    this.scaledWindow = this.fft.scaledWindow(this.window);
    this.bins = settings.fftSize / 2 + 1;
    this.re = new Float64Array(this.bins);
    this.im = new Float64Array(this.bins);
    this.perFrame = SAMPLES_PER_FRAME / settings.hop;
  }

  /**
   * Phase reconstruction for codec frames [first, first + frames) from `magnitudes`, the STFT-bin
   * magnitudes of each of those codec frames (frames × bins, frame-major). STFT frame j is centred
   * on sample j · hop of the audio; its target blends the two codec frames whose centres surround
   * it, linearly. Returns the STFT (the last projection onto the targets), ready for `render`.
   */
  reconstruct(magnitudes: Float32Array, frames: number, first: number): Stft {
    const { hop, windowLength, iterations, momentum } = this.settings;
    const bins = this.bins;
    const length = frames * SAMPLES_PER_FRAME;
    const count = frames * this.perFrame + 1;
    const firstStft = first * this.perFrame;
    const work = this.workspace(count * bins, length);
    const target = work.target;
    this.blendFrames(magnitudes, frames, count, target);
    const cRe = work.cRe.subarray(0, count * bins);
    const cIm = work.cIm.subarray(0, count * bins);
    for (let q = 0; q < count; q++) {
      for (let k = 0; k < bins; k++) {
        const p = phaseIndex(firstStft + q, k);
        cRe[q * bins + k] = target[q * bins + k]! * PHASE_COS[p]!;
        cIm[q * bins + k] = target[q * bins + k]! * PHASE_SIN[p]!;
      }
    }
    const stft: Stft = { frames, count, length, re: cRe, im: cIm, norm: this.windowEnergy(count, length) };
    if (iterations === 0) return stft;
    const samples = work.samples.subarray(0, length);
    const pRe = work.pRe.subarray(0, count * bins);
    const pIm = work.pIm.subarray(0, count * bins);
    // The first iteration reads these as the previous projection: zero, as when freshly allocated.
    pRe.fill(0);
    pIm.fill(0);
    for (let it = 0; it < iterations; it++) {
      this.render(stft, samples);
      for (let q = 0; q < count; q++) {
        this.analyse(samples, q * hop - windowLength / 2);
        const at = q * bins;
        for (let k = 0; k < bins; k++) {
          const xr = this.re[k]!;
          const xi = this.im[k]!;
          const mag = Math.sqrt(xr * xr + xi * xi);
          const t = target[at + k]!;
          const nr = mag > 1e-30 ? (t * xr) / mag : t;
          const ni = mag > 1e-30 ? (t * xi) / mag : 0;
          cRe[at + k] = nr + momentum * (nr - pRe[at + k]!);
          cIm[at + k] = ni + momentum * (ni - pIm[at + k]!);
          pRe[at + k] = nr;
          pIm[at + k] = ni;
        }
      }
    }
    return { ...stft, re: pRe, im: pIm };
  }

  /** Replaces every frame of `stft` by the STFT of `samples` (the segment's, frames · 1920), on the same grid. */
  analyseInto(samples: Float64Array, stft: Stft): void {
    const { hop, windowLength } = this.settings;
    const bins = this.bins;
    for (let q = 0; q < stft.count; q++) {
      this.analyse(samples, q * hop - windowLength / 2);
      stft.re.set(this.re.subarray(0, bins), q * bins);
      stft.im.set(this.im.subarray(0, bins), q * bins);
    }
  }

  /** Multiplies every STFT frame by per-bin factors blended from those of the codec frames (frames × bins). */
  scale(stft: Stft, factors: Float32Array): void {
    for (let q = 0; q < stft.count; q++) this.scaleFrame(stft, factors, q);
  }

  /**
   * `scale` then `render`, frame by frame: each STFT frame is scaled just before its inverse FFT
   * reads it (while it is in cache). A frame's scaling reads only that frame, and its inverse only
   * that frame, so the values are the same as in the two separate passes, bit for bit.
   */
  scaleAndRender(stft: Stft, factors: Float32Array, out: Float64Array): void {
    this.inverse(stft.re, stft.im, stft.count, out, stft.norm, (q) => this.scaleFrame(stft, factors, q));
  }

  /** STFT frame q of `scale`. */
  private scaleFrame(stft: Stft, factors: Float32Array, q: number): void {
    // The blend of blendFrames, computed in place of a blended copy (the same float64 values, so the same bits).
    const bins = this.bins;
    const { re, im, frames } = stft;
    const u = (q * this.settings.hop) / SAMPLES_PER_FRAME - 0.5;
    const i0 = Math.floor(u);
    const w = u - i0;
    const a = Math.min(Math.max(i0, 0), frames - 1) * bins;
    const b = Math.min(Math.max(i0 + 1, 0), frames - 1) * bins;
    const at = q * bins;
    for (let k = 0; k < bins; k++) {
      const f = factors[a + k]! * (1 - w) + factors[b + k]! * w;
      re[at + k] = re[at + k]! * f;
      im[at + k] = im[at + k]! * f;
    }
  }

  /** Least-squares ISTFT of `stft` into `out` (frames · 1920 samples). */
  render(stft: Stft, out: Float64Array): void {
    this.inverse(stft.re, stft.im, stft.count, out, stft.norm, null);
  }

  /** Per-STFT-frame values blended linearly between the codec frames whose centres surround each frame's centre. */
  private blendFrames(values: Float32Array, frames: number, count: number, out: Float64Array): void {
    const bins = this.bins;
    const hop = this.settings.hop;
    for (let q = 0; q < count; q++) {
      const u = (q * hop) / SAMPLES_PER_FRAME - 0.5;
      const i0 = Math.floor(u);
      const w = u - i0;
      const a = Math.min(Math.max(i0, 0), frames - 1) * bins;
      const b = Math.min(Math.max(i0 + 1, 0), frames - 1) * bins;
      for (let k = 0; k < bins; k++) out[q * bins + k] = values[a + k]! * (1 - w) + values[b + k]! * w;
    }
  }

  /** The work arrays for `values` STFT values and `length` samples, reused when large enough. */
  private workspace(values: number, length: number): Workspace {
    const w = this.work;
    if (w && w.size >= values && w.samples.length >= length) return w;
    const size = Math.max(values, w?.size ?? 0);
    this.work = {
      size,
      target: new Float64Array(size),
      cRe: new Float64Array(size),
      cIm: new Float64Array(size),
      pRe: new Float64Array(size),
      pIm: new Float64Array(size),
      samples: new Float64Array(Math.max(length, w?.samples.length ?? 0)),
    };
    return this.work;
  }

  /** 1 / Σ_j w²(n − start_j) over the STFT frames that cover each sample (0 where none does): the least-squares ISTFT's scale. */
  private windowEnergy(count: number, length: number): Float64Array {
    // The length follows from the count (whole codec frames), so the count alone keys the table.
    let values = this.norms.get(count);
    if (values?.length !== length) {
      if (this.norms.size >= 4) this.norms.clear();
      values = this.computeWindowEnergy(count, length);
      this.norms.set(count, values);
    }
    return values;
  }

  private computeWindowEnergy(count: number, length: number): Float64Array {
    return inverseWindowEnergy(this.window, this.settings.hop, count, length);
  }

  /** Least-squares ISTFT of all frames into `out` (overlap-add in frame order, then × 1 / window energy), calling `before(q)` ahead of frame q's inverse FFT. */
  private inverse(re: Float64Array, im: Float64Array, count: number, out: Float64Array, norm: Float64Array, before: ((q: number) => void) | null): void {
    const { hop, windowLength } = this.settings;
    const bins = this.bins;
    out.fill(0);
    const scaled = this.scaledWindow;
    // Frames start in increasing order, so once frame q is added the samples before frame q + 1's
    // start are final: they are scaled then, while still in cache (the same two steps per sample).
    let done = 0;
    for (let q = 0; q < count; q++) {
      const start = q * hop - windowLength / 2;
      if (before) before(q);
      if (scaled) this.fft.inverseOverlapAddScaled(re, im, q * bins, scaled, out, start);
      else this.fft.inverseOverlapAdd(re, im, q * bins, this.window, out, start);
      const final = Math.min(out.length, start + hop);
      for (let n = done; n < final; n++) out[n] = out[n]! * norm[n]!;
      done = Math.max(done, final);
    }
    for (let n = done; n < out.length; n++) out[n] = out[n]! * norm[n]!;
  }

  /** Windowed FFT of the samples at [start, start + windowLength) (zero outside the segment) into re, im. */
  private analyse(samples: Float64Array, start: number): void {
    this.fft.transformWindowed(samples, start, this.window, this.re, this.im);
  }
}
