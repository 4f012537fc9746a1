import { invalidArgument } from '../errors.js';

/**
 * A mixed-radix (4, 2, 3, 5) complex FFT of a fixed size n = 2^a·3^b·5^c, Stockham autosort
 * (decimation in frequency, ping-pong between two buffers, so no bit-reversal pass and every stage
 * reads and writes memory in order). Written here rather than taken from a package because none is
 * installed (fft.js is not; the real transforms around it need sizes like 960 = 2^6·3·5 that
 * power-of-two libraries refuse). Twiddles are tabulated per stage once; a transform allocates nothing.
 */

const C3 = -0.5;
const S3 = Math.sqrt(3) / 2;
const C51 = Math.cos((2 * Math.PI) / 5);
const C52 = Math.cos((4 * Math.PI) / 5);
const S51 = Math.sin((2 * Math.PI) / 5);
const S52 = Math.sin((4 * Math.PI) / 5);

/** One stage: radix p over sub-sequences of length `length` (= p·m) at stride `stride`, with its twiddles w^(q·r), q < m, r = 1..p−1. */
interface Stage {
  readonly radix: number;
  readonly m: number;
  readonly stride: number;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

/** The radices of n, fours first, or null when n has a prime factor above 5. */
export function fftRadices(n: number): number[] | null {
  if (!Number.isInteger(n) || n < 1) return null;
  const radices: number[] = [];
  let rest = n;
  while (rest % 4 === 0) (radices.push(4), (rest /= 4));
  for (const p of [2, 3, 5]) while (rest % p === 0) (radices.push(p), (rest /= p));
  return rest === 1 ? radices : null;
}

/** Forward (e^(−2πikn/N)) complex DFT of a fixed size, in place on separate real and imaginary arrays. */
export class ComplexFft {
  private readonly stages: Stage[];
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  /** `size`: points per transform, a positive integer with no prime factor above 5. */
  constructor(readonly size: number) {
    const radices = fftRadices(size);
    if (radices === null) throw invalidArgument(`size must be a positive integer whose only prime factors are 2, 3 and 5 (points per transform); received ${size}`, { argument: 'size', value: size });
    this.stages = [];
    let length = size;
    let stride = 1;
    for (const p of radices) {
      const m = length / p;
      const cos = new Float64Array(m * (p - 1));
      const sin = new Float64Array(m * (p - 1));
      for (let q = 0; q < m; q++) {
        for (let r = 1; r < p; r++) {
          const angle = (2 * Math.PI * ((q * r) % length)) / length;
          cos[q * (p - 1) + r - 1] = Math.cos(angle);
          sin[q * (p - 1) + r - 1] = -Math.sin(angle);
        }
      }
      this.stages.push({ radix: p, m, stride, cos, sin });
      length = m;
      stride *= p;
    }
    this.workRe = new Float64Array(size);
    this.workIm = new Float64Array(size);
  }

  /** X[k] = Σ x[n]·e^(−2πikn/N), in place. Swapping `re` and `im` gives the unnormalised inverse. */
  transform(re: Float64Array, im: Float64Array): void {
    if (!this.transformLeaving(re, im)) {
      re.set(this.workRe);
      im.set(this.workIm);
    }
  }

  /**
   * `transform` without the final copy: true when the result is in `re` and `im` (an even number of
   * stages), false when it is in `resultRe` and `resultIm` (then `re` and `im` hold an intermediate
   * stage). The same values either way; a caller that reads the result once saves copying it.
   */
  transformLeaving(re: Float64Array, im: Float64Array): boolean {
    let xr = re;
    let xi = im;
    let yr = this.workRe;
    let yi = this.workIm;
    const stages = this.stages;
    const last = stages.length - 1;
    // A final radix-4 stage of m = 2 and radix-2 stage of m = 1 (the power-of-two sizes with an odd
    // power of 2, such as 512) run as one pass: the same operations, without storing the values between.
    const fused = last >= 1 && stages[last]!.radix === 2 && stages[last - 1]!.radix === 4 && stages[last - 1]!.m === 2;
    const passes = fused ? last - 1 : stages.length;
    for (let i = 0; i < passes; i++) {
      const stage = stages[i]!;
      if (stage.radix === 4) (stage.stride === 1 ? radix4Unit : radix4)(stage, xr, xi, yr, yi);
      else if (stage.radix === 2) radix2(stage, xr, xi, yr, yi);
      else if (stage.radix === 3) radix3(stage, xr, xi, yr, yi);
      else radix5(stage, xr, xi, yr, yi);
      const tr = xr;
      const ti = xi;
      xr = yr;
      xi = yi;
      yr = tr;
      yi = ti;
    }
    if (fused) {
      radix4Then2(stages[last - 1]!, stages[last]!, xr, xi, yr, yi);
      const tr = xr;
      const ti = xi;
      xr = yr;
      xi = yi;
      yr = tr;
      yi = ti;
    }
    return xr === re;
  }

  /** Where `transformLeaving` leaves the result when it returns false (overwritten by the next transform). */
  get resultRe(): Float64Array {
    return this.workRe;
  }

  get resultIm(): Float64Array {
    return this.workIm;
  }
}

// Each stage: for q < m and k < s, a_j = x[k + s(q + m·j)]; b_r = Σ_j a_j·ω_p^(jr); y[k + s(p·q + r)] = b_r·w^(qr).

function radix2({ m, stride: s, cos, sin }: Stage, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const sm = s * m;
  for (let q = 0; q < m; q++) {
    const wr = cos[q]!;
    const wi = sin[q]!;
    const i0 = s * q;
    const o0 = 2 * s * q;
    for (let k = 0; k < s; k++) {
      const a = i0 + k;
      const b = a + sm;
      const ar = xr[a]!, ai = xi[a]!, br = xr[b]!, bi = xi[b]!;
      yr[o0 + k] = ar + br;
      yi[o0 + k] = ai + bi;
      const dr = ar - br, di = ai - bi;
      yr[o0 + s + k] = dr * wr - di * wi;
      yi[o0 + s + k] = dr * wi + di * wr;
    }
  }
}

function radix4({ m, stride: s, cos, sin }: Stage, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const sm = s * m;
  for (let q = 0; q < m; q++) {
    const t = 3 * q;
    const w1r = cos[t]!, w1i = sin[t]!, w2r = cos[t + 1]!, w2i = sin[t + 1]!, w3r = cos[t + 2]!, w3i = sin[t + 2]!;
    const i0 = s * q;
    const o0 = 4 * s * q;
    for (let k = 0; k < s; k++) {
      const a = i0 + k;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const a3r = xr[a + 3 * sm]!, a3i = xi[a + 3 * sm]!;
      const s02r = a0r + a2r, s02i = a0i + a2i, d02r = a0r - a2r, d02i = a0i - a2i;
      const s13r = a1r + a3r, s13i = a1i + a3i, d13r = a1r - a3r, d13i = a1i - a3i;
      // b1 = d02 − i·d13, b3 = d02 + i·d13 (ω_4 = −i).
      const b1r = d02r + d13i, b1i = d02i - d13r;
      const b2r = s02r - s13r, b2i = s02i - s13i;
      const b3r = d02r - d13i, b3i = d02i + d13r;
      const o = o0 + k;
      yr[o] = s02r + s13r;
      yi[o] = s02i + s13i;
      yr[o + s] = b1r * w1r - b1i * w1i;
      yi[o + s] = b1r * w1i + b1i * w1r;
      yr[o + 2 * s] = b2r * w2r - b2i * w2i;
      yi[o + 2 * s] = b2r * w2i + b2i * w2r;
      yr[o + 3 * s] = b3r * w3r - b3i * w3i;
      yi[o + 3 * s] = b3r * w3i + b3i * w3r;
    }
  }
}

/** radix4 for the first stage (stride 1, so one k per q): the same operations without the inner loop. */
function radix4Unit({ m, cos, sin }: Stage, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  for (let q = 0; q < m; q++) {
    const t = 3 * q;
    const w1r = cos[t]!, w1i = sin[t]!, w2r = cos[t + 1]!, w2i = sin[t + 1]!, w3r = cos[t + 2]!, w3i = sin[t + 2]!;
    const a0r = xr[q]!, a0i = xi[q]!;
    const a1r = xr[q + m]!, a1i = xi[q + m]!;
    const a2r = xr[q + 2 * m]!, a2i = xi[q + 2 * m]!;
    const a3r = xr[q + 3 * m]!, a3i = xi[q + 3 * m]!;
    const s02r = a0r + a2r, s02i = a0i + a2i, d02r = a0r - a2r, d02i = a0i - a2i;
    const s13r = a1r + a3r, s13i = a1i + a3i, d13r = a1r - a3r, d13i = a1i - a3i;
    const b1r = d02r + d13i, b1i = d02i - d13r;
    const b2r = s02r - s13r, b2i = s02i - s13i;
    const b3r = d02r - d13i, b3i = d02i + d13r;
    const o = 4 * q;
    yr[o] = s02r + s13r;
    yi[o] = s02i + s13i;
    yr[o + 1] = b1r * w1r - b1i * w1i;
    yi[o + 1] = b1r * w1i + b1i * w1r;
    yr[o + 2] = b2r * w2r - b2i * w2i;
    yi[o + 2] = b2r * w2i + b2i * w2r;
    yr[o + 3] = b3r * w3r - b3i * w3i;
    yi[o + 3] = b3r * w3i + b3i * w3r;
  }
}

/**
 * A radix-4 stage of m = 2 (stride s) and then the last, radix-2 stage (m = 1, stride 4s), in one
 * pass: for each k < s, the radix-4 outputs of q = 0 and q = 1 are exactly the pairs the radix-2
 * stage combines (y[k + s·r] and y[k + s·(4 + r)]), so they are combined where they are computed,
 * each value by the same operations as in the two separate stages.
 */
function radix4Then2(four: Stage, two: Stage, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const s = four.stride;
  const sm = 2 * s;
  const cos = four.cos;
  const sin = four.sin;
  const w1r = cos[3]!, w1i = sin[3]!, w2r = cos[4]!, w2i = sin[4]!, w3r = cos[5]!, w3i = sin[5]!;
  const u0r = cos[0]!, u0i = sin[0]!, u1r = cos[1]!, u1i = sin[1]!, u2r = cos[2]!, u2i = sin[2]!;
  const vr = two.cos[0]!;
  const vi = two.sin[0]!;
  const h = 4 * s;
  for (let k = 0; k < s; k++) {
    // q = 0: a_j = x[k + s·2j], twiddles w^0 (as stored: the separate stage multiplies by them too).
    let a0r = xr[k]!, a0i = xi[k]!;
    let a1r = xr[k + sm]!, a1i = xi[k + sm]!;
    let a2r = xr[k + 2 * sm]!, a2i = xi[k + 2 * sm]!;
    let a3r = xr[k + 3 * sm]!, a3i = xi[k + 3 * sm]!;
    let s02r = a0r + a2r, s02i = a0i + a2i, d02r = a0r - a2r, d02i = a0i - a2i;
    let s13r = a1r + a3r, s13i = a1i + a3i, d13r = a1r - a3r, d13i = a1i - a3i;
    let b1r = d02r + d13i, b1i = d02i - d13r;
    let b2r = s02r - s13r, b2i = s02i - s13i;
    let b3r = d02r - d13i, b3i = d02i + d13r;
    const p0r = s02r + s13r, p0i = s02i + s13i;
    const p1r = b1r * u0r - b1i * u0i, p1i = b1r * u0i + b1i * u0r;
    const p2r = b2r * u1r - b2i * u1i, p2i = b2r * u1i + b2i * u1r;
    const p3r = b3r * u2r - b3i * u2i, p3i = b3r * u2i + b3i * u2r;
    // q = 1: a_j = x[k + s + s·2j].
    const k1 = k + s;
    a0r = xr[k1]!, a0i = xi[k1]!;
    a1r = xr[k1 + sm]!, a1i = xi[k1 + sm]!;
    a2r = xr[k1 + 2 * sm]!, a2i = xi[k1 + 2 * sm]!;
    a3r = xr[k1 + 3 * sm]!, a3i = xi[k1 + 3 * sm]!;
    s02r = a0r + a2r, s02i = a0i + a2i, d02r = a0r - a2r, d02i = a0i - a2i;
    s13r = a1r + a3r, s13i = a1i + a3i, d13r = a1r - a3r, d13i = a1i - a3i;
    b1r = d02r + d13i, b1i = d02i - d13r;
    b2r = s02r - s13r, b2i = s02i - s13i;
    b3r = d02r - d13i, b3i = d02i + d13r;
    const q0r = s02r + s13r, q0i = s02i + s13i;
    const q1r = b1r * w1r - b1i * w1i, q1i = b1r * w1i + b1i * w1r;
    const q2r = b2r * w2r - b2i * w2i, q2i = b2r * w2i + b2i * w2r;
    const q3r = b3r * w3r - b3i * w3i, q3i = b3r * w3i + b3i * w3r;
    // The radix-2 stage: y[k'] = a + b, y[h + k'] = (a − b)·w^0 for k' = k + s·r.
    butterfly2(yr, yi, k, h, p0r, p0i, q0r, q0i, vr, vi);
    butterfly2(yr, yi, k + s, h, p1r, p1i, q1r, q1i, vr, vi);
    butterfly2(yr, yi, k + 2 * s, h, p2r, p2i, q2r, q2i, vr, vi);
    butterfly2(yr, yi, k + 3 * s, h, p3r, p3i, q3r, q3i, vr, vi);
  }
}

function butterfly2(yr: Float64Array, yi: Float64Array, at: number, h: number, ar: number, ai: number, br: number, bi: number, wr: number, wi: number): void {
  yr[at] = ar + br;
  yi[at] = ai + bi;
  const dr = ar - br, di = ai - bi;
  yr[at + h] = dr * wr - di * wi;
  yi[at + h] = dr * wi + di * wr;
}

function radix3({ m, stride: s, cos, sin }: Stage, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const sm = s * m;
  for (let q = 0; q < m; q++) {
    const t = 2 * q;
    const w1r = cos[t]!, w1i = sin[t]!, w2r = cos[t + 1]!, w2i = sin[t + 1]!;
    const i0 = s * q;
    const o0 = 3 * s * q;
    for (let k = 0; k < s; k++) {
      const a = i0 + k;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const tr = a1r + a2r, ti = a1i + a2i;
      const mr = a0r + C3 * tr, mi = a0i + C3 * ti;
      // ±i·(√3/2)·(a1 − a2): b1 takes −, b2 takes +.
      const dr = S3 * (a1i - a2i), di = -S3 * (a1r - a2r);
      const b1r = mr + dr, b1i = mi + di;
      const b2r = mr - dr, b2i = mi - di;
      const o = o0 + k;
      yr[o] = a0r + tr;
      yi[o] = a0i + ti;
      yr[o + s] = b1r * w1r - b1i * w1i;
      yi[o + s] = b1r * w1i + b1i * w1r;
      yr[o + 2 * s] = b2r * w2r - b2i * w2i;
      yi[o + 2 * s] = b2r * w2i + b2i * w2r;
    }
  }
}

function radix5({ m, stride: s, cos, sin }: Stage, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const sm = s * m;
  for (let q = 0; q < m; q++) {
    const t = 4 * q;
    const i0 = s * q;
    const o0 = 5 * s * q;
    for (let k = 0; k < s; k++) {
      const a = i0 + k;
      const a0r = xr[a]!, a0i = xi[a]!;
      const a1r = xr[a + sm]!, a1i = xi[a + sm]!;
      const a2r = xr[a + 2 * sm]!, a2i = xi[a + 2 * sm]!;
      const a3r = xr[a + 3 * sm]!, a3i = xi[a + 3 * sm]!;
      const a4r = xr[a + 4 * sm]!, a4i = xi[a + 4 * sm]!;
      const t1r = a1r + a4r, t1i = a1i + a4i, d1r = a1r - a4r, d1i = a1i - a4i;
      const t2r = a2r + a3r, t2i = a2i + a3i, d2r = a2r - a3r, d2i = a2i - a3i;
      const m1r = a0r + C51 * t1r + C52 * t2r, m1i = a0i + C51 * t1i + C52 * t2i;
      const m2r = a0r + C52 * t1r + C51 * t2r, m2i = a0i + C52 * t1i + C51 * t2i;
      // −i·(S51·d1 + S52·d2) for b1 (+ for b4); −i·(S52·d1 − S51·d2) for b2 (+ for b3).
      const e1r = S51 * d1i + S52 * d2i, e1i = -(S51 * d1r + S52 * d2r);
      const e2r = S52 * d1i - S51 * d2i, e2i = -(S52 * d1r - S51 * d2r);
      const o = o0 + k;
      yr[o] = a0r + t1r + t2r;
      yi[o] = a0i + t1i + t2i;
      twiddled(yr, yi, o + s, m1r + e1r, m1i + e1i, cos[t]!, sin[t]!);
      twiddled(yr, yi, o + 2 * s, m2r + e2r, m2i + e2i, cos[t + 1]!, sin[t + 1]!);
      twiddled(yr, yi, o + 3 * s, m2r - e2r, m2i - e2i, cos[t + 2]!, sin[t + 2]!);
      twiddled(yr, yi, o + 4 * s, m1r - e1r, m1i - e1i, cos[t + 3]!, sin[t + 3]!);
    }
  }
}

function twiddled(yr: Float64Array, yi: Float64Array, at: number, br: number, bi: number, wr: number, wi: number): void {
  yr[at] = br * wr - bi * wi;
  yi[at] = br * wi + bi * wr;
}
