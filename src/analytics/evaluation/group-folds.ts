import { invalidArgument } from '../../errors.js';
import { mulberry32 } from '../../jsutils/mulberry32.js';

/**
 * Cross-validation folds that keep each source group whole: the groups (ids by group name) are
 * shuffled with the seeded mulberry32 generator, then, largest first (ties in shuffled order), each
 * goes to the fold holding the fewest files so far (the first such fold on ties). min(`folds`,
 * groups) folds; every id of a group lands in one fold. INVALID_ARGUMENT with fewer than 2 groups
 * (nothing could be held out). Each fold lists its ids ascending; folds are ordered by their first id.
 */
export function groupFolds(groupOf: ReadonlyMap<number, string>, folds: number, seed: number): number[][] {
  if (!Number.isInteger(folds) || folds < 2) throw invalidArgument(`folds must be an integer ≥ 2; received ${String(folds)}`, { argument: 'folds', value: folds });
  const members = new Map<string, number[]>();
  for (const [id, group] of [...groupOf].sort((x, y) => x[0] - y[0])) members.set(group, [...(members.get(group) ?? []), id]);
  const groups = [...members.keys()].sort();
  if (groups.length < 2) {
    throw invalidArgument(`source-group folds need at least 2 groups to hold one out; received ${groups.length} (${groups.join(', ') || 'none'})`, { argument: 'groups', groups });
  }
  const random = mulberry32(seed);
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  const order = groups.map((name, position) => ({ name, position, size: members.get(name)!.length })).sort((x, y) => y.size - x.size || x.position - y.position);
  const out: number[][] = Array.from({ length: Math.min(folds, groups.length) }, () => []);
  for (const { name } of order) {
    let smallest = 0;
    for (let k = 1; k < out.length; k++) if (out[k]!.length < out[smallest]!.length) smallest = k;
    out[smallest]!.push(...members.get(name)!);
  }
  return out.map((fold) => fold.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}
