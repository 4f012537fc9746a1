import { classCounts } from './counts.js';
import type { Counts, FileCounts } from './counts.js';
import { timesMatch } from './collars.js';
import type { CollarRule } from './collars.js';
import type { Event } from './event.js';
import { matchEvents } from './event-matching.js';
import type { MatchingMethod } from './event-matching.js';

/** The event-based rule: collars plus the one-to-one matching method. */
export interface EventRule extends CollarRule {
  readonly matching: MatchingMethod;
}

/**
 * sed_eval's EventBasedMetrics for one file. Per class, references and estimates of that class are
 * paired one-to-one when their times match (true positives). Then, as sed_eval does, each leftover
 * reference in onset order is substituted by the first leftover estimate of any label whose times
 * match it. Overall: D = N − TP − S, I = estimated − TP − S; class-wise counts have no substitutions.
 * Events must belong to one file, be sorted by `compareEvents` and carry labels from `classes`.
 */
export function eventBasedCounts(
  reference: readonly Event[],
  estimated: readonly Event[],
  classes: readonly string[],
  rule: EventRule,
): FileCounts {
  const referenceMatched = new Uint8Array(reference.length);
  const estimateUsed = new Uint8Array(estimated.length);
  const classWise: Counts[] = [];
  let truePositives = 0;
  for (const label of classes) {
    const refs = indicesWithLabel(reference, label);
    const ests = indicesWithLabel(estimated, label);
    const pairOf = matchEvents(rule.matching, refs.length, ests.length, (r, e) =>
      timesMatch(reference[refs[r]!]!, estimated[ests[e]!]!, rule),
    );
    let classTruePositives = 0;
    pairOf.forEach((e, r) => {
      if (e < 0) return;
      referenceMatched[refs[r]!] = 1;
      estimateUsed[ests[e]!] = 1;
      classTruePositives++;
    });
    classWise.push(classCounts(refs.length, ests.length, classTruePositives));
    truePositives += classTruePositives;
  }
  const substitutions = countSubstitutions(reference, estimated, referenceMatched, estimateUsed, rule);
  const overall: Counts = {
    reference: reference.length,
    estimated: estimated.length,
    truePositives,
    substitutions,
    deletions: reference.length - truePositives - substitutions,
    insertions: estimated.length - truePositives - substitutions,
  };
  return { overall, classWise };
}

function indicesWithLabel(events: readonly Event[], label: string): number[] {
  const indices: number[] = [];
  events.forEach((event, index) => {
    if (event.label === label) indices.push(index);
  });
  return indices;
}

/** sed_eval's substitution pass: greedy over leftovers, labels ignored (marks `used` in place). */
function countSubstitutions(
  reference: readonly Event[],
  estimated: readonly Event[],
  matched: Uint8Array,
  used: Uint8Array,
  rule: CollarRule,
): number {
  let substitutions = 0;
  for (let r = 0; r < reference.length; r++) {
    if (matched[r]) continue;
    for (let e = 0; e < estimated.length; e++) {
      if (used[e] || !timesMatch(reference[r]!, estimated[e]!, rule)) continue;
      used[e] = 1;
      substitutions++;
      break;
    }
  }
  return substitutions;
}
