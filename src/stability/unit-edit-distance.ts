/** Runs of repeated tokens collapsed to one token each ("units"): [5,5,7,5,5] → [5,7,5]. */
export function collapseRuns(tokens: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(tokens.length);
  let n = 0;
  for (let i = 0; i < tokens.length; i++) if (n === 0 || out[n - 1] !== tokens[i]) out[n++] = tokens[i]!;
  return out.slice(0, n);
}

const HIGH_BIT = 0x80000000;

/**
 * Levenshtein distance (unit cost insert, delete, substitute) between two token sequences, by
 * Myers' bit-parallel algorithm in Hyyrö's blocked form (as edlib computes it): O(|a|·|b|/32) word
 * operations instead of the O(|a|·|b|) table, so an hour of frames (45 000 per layer) stays in seconds.
 */
export function editDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const m = a.length;
  if (m === 0) return b.length;
  if (b.length === 0) return m;
  const blocks = Math.ceil(m / 32);
  // Peq[token]: bit r of block k set where a[32k + r] equals the token.
  const peq = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) {
    let bits = peq.get(a[i]!);
    if (!bits) peq.set(a[i]!, (bits = new Uint32Array(blocks)));
    bits[i >>> 5]! |= 1 << (i & 31);
  }
  const none = new Uint32Array(blocks);
  const pv = new Uint32Array(blocks).fill(0xffffffff);
  const mv = new Uint32Array(blocks);
  const last = blocks - 1;
  const lastBit = 2 ** ((m - 1) & 31); // row m sits at this bit of the last block
  let score = m;
  for (let j = 0; j < b.length; j++) {
    const eqs = peq.get(b[j]!) ?? none;
    let hin = 1; // row 0 of the table counts up by one per column: a +1 horizontal delta enters block 0
    for (let k = 0; k <= last; k++) {
      const p = pv[k]!;
      const mm = mv[k]!;
      const hinNeg = hin < 0 ? 1 : 0;
      const xv = (eqs[k]! | mm) >>> 0;
      const eq = (eqs[k]! | hinNeg) >>> 0;
      const xh = (((((eq & p) >>> 0) + p) ^ p) | eq) >>> 0;
      let ph = (mm | ~(xh | p)) >>> 0;
      let mh = (p & xh) >>> 0;
      let hout: number;
      if (k === last) {
        hout = 0;
        if (ph & lastBit) score++;
        else if (mh & lastBit) score--;
      } else {
        hout = ph & HIGH_BIT ? 1 : mh & HIGH_BIT ? -1 : 0;
      }
      ph = ((ph << 1) | (hin > 0 ? 1 : 0)) >>> 0;
      mh = ((mh << 1) | hinNeg) >>> 0;
      pv[k] = (mh | ~(xv | ph)) >>> 0;
      mv[k] = (ph & xv) >>> 0;
      hin = hout;
    }
  }
  return score;
}
