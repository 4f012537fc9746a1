/**
 * Rarefaction: what a statistic of a token histogram would be on a random subsample of n of its N
 * tokens, drawn without replacement (every n-subset equally likely). Distinct tokens and entropy
 * grow with the number of tokens counted, so corpora of different sizes are compared at one n.
 * Expectations are computed from the counts alone (no sampling, so they are deterministic):
 * distinct tokens by Hurlbert's formula, entropy by summing the hypergeometric law of each count.
 */

const TABLE_SIZE = 1024;
const LN_FACTORIAL = (() => {
  const t = new Float64Array(TABLE_SIZE);
  for (let k = 2; k < TABLE_SIZE; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();

/** ln(k!) for an integer k ≥ 0: a table below 1024, Stirling's series above (error < 1e-15 relative). */
export function lnFactorial(k: number): number {
  if (k < TABLE_SIZE) return LN_FACTORIAL[k]!;
  const k2 = k * k;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + 1 / (12 * k) - 1 / (360 * k * k2) + 1 / (1260 * k * k2 * k2);
}

function lnChoose(n: number, k: number): number {
  return lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k);
}

function total(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  return n;
}

/** Expected number of distinct tokens among n tokens drawn without replacement from `counts` (Hurlbert 1971). */
export function rarefiedDistinct(counts: ArrayLike<number>, n: number): number {
  const all = total(counts);
  let distinct = 0;
  if (n >= all) {
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) distinct++;
    return distinct;
  }
  if (n <= 0) return 0;
  const lnAll = lnChoose(all, n);
  for (let i = 0; i < counts.length; i++) {
    const k = counts[i]!;
    if (k <= 0) continue;
    // P(token absent from the subsample) = C(N − K, n) / C(N, n); 0 when fewer than n others exist.
    distinct += all - k < n ? 1 : -Math.expm1(lnChoose(all - k, n) - lnAll);
  }
  return distinct;
}

const LOG2_TABLE = (() => {
  const t = new Float64Array(1 << 16);
  for (let i = 1; i < t.length; i++) t[i] = Math.log2(i);
  return t;
})();

/** log2 of an integer x ≥ 1, from a table below 65536 (the inner loop below calls it millions of times). */
function log2(x: number): number {
  return x < LOG2_TABLE.length ? LOG2_TABLE[x]! : Math.log2(x);
}

/** −(x/n)·log2(x/n): one token's part of the plug-in entropy when it holds x of n tokens (x an integer here). */
function part(x: number, n: number): number {
  return x > 0 ? -(x / n) * (log2(x) - Math.log2(n)) : 0;
}

/**
 * Above this standard deviation of a count, its expected entropy term uses the second-order (delta)
 * expansion, whose error is O(1/(n·mean)) per token: under 1e-3 bits summed over a whole codebook,
 * since the means add up to n. Below it the hypergeometric law is summed term by term.
 */
const EXACT_MAX_SD = 5;

/** E[part(X, n)] for X hypergeometric: K of N tokens are this token, n are drawn. */
function expectedPart(all: number, k: number, n: number): number {
  const lo = Math.max(0, n - (all - k));
  const hi = Math.min(n, k);
  if (lo === hi) return lo > 0 ? -(lo / n) * Math.log2(lo / n) : 0;
  const mean = (n * k) / all;
  const variance = (mean * (1 - k / all) * (all - n)) / (all - 1);
  if (Math.sqrt(variance) > EXACT_MAX_SD) return -(mean / n) * Math.log2(mean / n) - variance / (2 * n * mean * Math.LN2);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((n + 1) * (k + 1)) / (all + 2))));
  const pMode = Math.exp(lnChoose(k, mode) + lnChoose(all - k, n - mode) - lnChoose(all, n));
  let sum = pMode * part(mode, n);
  // The law is unimodal: walk out from the mode by the ratio of neighbouring terms until they vanish.
  for (let x = mode, p = pMode; x < hi; x++) {
    p *= ((k - x) * (n - x)) / ((x + 1) * (all - k - n + x + 1));
    sum += p * part(x + 1, n);
    if (p < pMode * 1e-13) break;
  }
  for (let x = mode, p = pMode; x > lo; x--) {
    p *= (x * (all - k - n + x)) / ((k - x + 1) * (n - x + 1));
    sum += p * part(x - 1, n);
    if (p < pMode * 1e-13) break;
  }
  return sum;
}

/** Expected plug-in (Shannon) entropy in bits of n tokens drawn without replacement from `counts`. */
export function rarefiedEntropyBits(counts: ArrayLike<number>, n: number): number {
  const all = total(counts);
  if (n <= 0 || all === 0) return 0;
  const draw = Math.min(n, all);
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) h += expectedPart(all, counts[i]!, draw);
  return h;
}
