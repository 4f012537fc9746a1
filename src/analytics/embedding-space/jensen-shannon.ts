/**
 * Jensen–Shannon divergence in bits (0..1) between the distributions of two histograms (counts,
 * not normalised): ½·KL(P‖M) + ½·KL(Q‖M) with M = (P + Q)/2, no smoothing (finite where one side
 * lacks a token). Each token's two terms are added before the sum over tokens, so swapping the
 * histograms gives the same bits exactly. 0 when either histogram is empty.
 */
export function jensenShannonBits(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannonBits: histograms of ${p.length} and ${q.length} bins`);
  let np = 0;
  let nq = 0;
  for (let t = 0; t < p.length; t++) {
    np += p[t]!;
    nq += q[t]!;
  }
  if (!(np > 0 && nq > 0)) return 0;
  let bits = 0;
  for (let t = 0; t < p.length; t++) {
    const pt = p[t]! / np;
    const qt = q[t]! / nq;
    if (pt === 0 && qt === 0) continue;
    const m = pt + qt;
    const fromP = pt === 0 ? 0 : 0.5 * pt * Math.log2((2 * pt) / m);
    const fromQ = qt === 0 ? 0 : 0.5 * qt * Math.log2((2 * qt) / m);
    bits += fromP + fromQ;
  }
  return Math.min(1, Math.max(0, bits));
}
