/**
 * Detection counts of one class or of all classes together. For event-based metrics the items are
 * events; for segment-based metrics they are (segment, class) activities.
 */
export interface Counts {
  /** N: reference items. */
  reference: number;
  /** Estimated items (system output). */
  estimated: number;
  /** Reference items matched one-to-one by an estimate of the same class. */
  truePositives: number;
  /** S: reference items matched in time by an estimate of another class; 0 class-wise. */
  substitutions: number;
  /** D: reference items neither matched nor substituted. */
  deletions: number;
  /** I: estimated items neither matched nor substituting. */
  insertions: number;
}

/** Counts of one file: all classes together (with substitutions) and per class, in class order. */
export interface FileCounts {
  readonly overall: Counts;
  readonly classWise: readonly Counts[];
}

/** All-zero counts. */
export function zeroCounts(): Counts {
  return { reference: 0, estimated: 0, truePositives: 0, substitutions: 0, deletions: 0, insertions: 0 };
}

/** Class-wise counts: no substitutions, so deletions = N − TP and insertions = estimated − TP. */
export function classCounts(reference: number, estimated: number, truePositives: number): Counts {
  return {
    reference,
    estimated,
    truePositives,
    substitutions: 0,
    deletions: reference - truePositives,
    insertions: estimated - truePositives,
  };
}

/** Adds `weight` × `source` to `target` in place (weight: how often a bootstrap resample drew the file). */
export function addCounts(target: Counts, source: Counts, weight = 1): void {
  target.reference += weight * source.reference;
  target.estimated += weight * source.estimated;
  target.truePositives += weight * source.truePositives;
  target.substitutions += weight * source.substitutions;
  target.deletions += weight * source.deletions;
  target.insertions += weight * source.insertions;
}
