/**
 * One token's share of the Jensen–Shannon divergence (bits) between P and Q, minus what the token
 * would add were it absent from P (q/2): ½p·log2(2p/(p+q)) + ½q·log2(2q/(p+q)) − ½q.
 * Summing it over the tokens P holds and adding ½ gives JSD(P‖Q), since Σq = 1. 0 when p = 0.
 */
export function jsdTerm(p: number, q: number): number {
  if (p === 0) return 0;
  const m = p + q;
  const fromP = 0.5 * p * Math.log2((2 * p) / m);
  const fromQ = q === 0 ? 0 : 0.5 * q * Math.log2((2 * q) / m);
  return fromP + fromQ - 0.5 * q;
}
