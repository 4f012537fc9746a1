import type { FrameRanking } from './frame-ranking.js';

/**
 * The Mann–Whitney U statistic of pooled frames split by file pair: `wins[f][g]` counts the
 * (positive frame of file f, negative frame of file g) pairs the positive wins, ties counted half.
 * With per-file `positives` and `negatives` it gives the pooled AUROC of any reweighting of the
 * files (a bootstrap resample) without the frames: U(w) = Σ w_f w_g wins[f][g].
 */
export interface FramePairWins {
  /** Positive frames of each file. */
  readonly positives: readonly number[];
  /** Negative frames of each file. */
  readonly negatives: readonly number[];
  /** fileCount × fileCount, row = file of the positive frame, column = file of the negative frame. */
  readonly wins: readonly (readonly number[])[];
}

/** Splits a ranking's pair wins by file pair; `fileCount` files, indices as in `ranking.fileOf`. O(frames × files). */
export function framePairWins(ranking: FrameRanking, fileCount: number): FramePairWins {
  const { scores, positive, fileOf } = ranking;
  const positives = new Array<number>(fileCount).fill(0);
  const negatives = new Array<number>(fileCount).fill(0);
  const wins = Array.from({ length: fileCount }, () => new Array<number>(fileCount).fill(0));
  // Positives of each file ranked strictly above the current tie group.
  const above = new Float64Array(fileCount);
  const inGroup = new Float64Array(fileCount);
  for (let start = 0; start < scores.length; ) {
    let end = start;
    inGroup.fill(0);
    for (; end < scores.length && scores[end] === scores[start]; end++) if (positive[end]) inGroup[fileOf[end]!]!++;
    for (let i = start; i < end; i++) {
      const file = fileOf[i]!;
      if (positive[i]) {
        positives[file]!++;
        continue;
      }
      negatives[file]!++;
      for (let f = 0; f < fileCount; f++) wins[f]![file]! += above[f]! + inGroup[f]! / 2;
    }
    for (let f = 0; f < fileCount; f++) above[f]! += inGroup[f]!;
    start = end;
  }
  return { positives, negatives, wins };
}

/** Pooled AUROC with file f counted `weights[f]` times (all once when omitted); NaN without positives or negatives. */
export function aurocFromPairWins(pairs: FramePairWins, weights?: ArrayLike<number>): number {
  const n = pairs.positives.length;
  const w = (f: number): number => (weights ? weights[f]! : 1);
  let positives = 0;
  let negatives = 0;
  let won = 0;
  for (let f = 0; f < n; f++) {
    const wf = w(f);
    if (wf === 0) continue;
    positives += wf * pairs.positives[f]!;
    negatives += wf * pairs.negatives[f]!;
    const row = pairs.wins[f]!;
    for (let g = 0; g < n; g++) won += wf * w(g) * row[g]!;
  }
  return positives > 0 && negatives > 0 ? won / (positives * negatives) : NaN;
}
