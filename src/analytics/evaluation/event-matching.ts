/**
 * How reference and estimated events are paired one-to-one: 'optimal' finds a maximum matching
 * (sed_eval's default `event_matching_type`), 'greedy' gives each reference, in onset order, the
 * first free estimate that hits it (sed_eval's older and optional method).
 */
export type MatchingMethod = 'optimal' | 'greedy';

/** Whether reference `r` and estimate `e` may be paired (0-based indices). */
export type HitTest = (r: number, e: number) => boolean;

/** For each reference the estimate paired with it, or −1; returns the pairing. */
export function matchEvents(method: MatchingMethod, references: number, estimates: number, hit: HitTest): Int32Array {
  return method === 'optimal'
    ? maximumMatching(references, estimates, hit)
    : greedyMatching(references, estimates, hit);
}

/** Greedy: references in order, each takes the first unpaired estimate it hits. */
export function greedyMatching(references: number, estimates: number, hit: HitTest): Int32Array {
  const pairOf = new Int32Array(references).fill(-1);
  const taken = new Uint8Array(estimates);
  for (let r = 0; r < references; r++) {
    for (let e = 0; e < estimates; e++) {
      if (taken[e] || !hit(r, e)) continue;
      pairOf[r] = e;
      taken[e] = 1;
      break;
    }
  }
  return pairOf;
}

/**
 * A maximum-cardinality matching by augmenting paths (Kuhn's algorithm). Every maximum matching has
 * the same size as the Hopcroft–Karp one sed_eval uses, so true-positive counts agree exactly.
 */
export function maximumMatching(references: number, estimates: number, hit: HitTest): Int32Array {
  const edges: number[][] = [];
  for (let r = 0; r < references; r++) {
    const row: number[] = [];
    for (let e = 0; e < estimates; e++) if (hit(r, e)) row.push(e);
    edges.push(row);
  }
  const pairOf = new Int32Array(references).fill(-1);
  const ownerOf = new Int32Array(estimates).fill(-1);
  for (let r = 0; r < references; r++) {
    augment(r, edges, pairOf, ownerOf, new Uint8Array(estimates));
  }
  return pairOf;
}

function augment(r: number, edges: number[][], pairOf: Int32Array, ownerOf: Int32Array, seen: Uint8Array): boolean {
  for (const e of edges[r]!) {
    if (seen[e]) continue;
    seen[e] = 1;
    if (ownerOf[e]! < 0 || augment(ownerOf[e]!, edges, pairOf, ownerOf, seen)) {
      pairOf[r] = e;
      ownerOf[e] = r;
      return true;
    }
  }
  return false;
}
