import { invalidArgument } from '../../errors.js';
import { mulberry32 } from '../../jsutils/mulberry32.js';

/**
 * File-level cross-validation folds: the files (`ids`, e.g. audio ids) shuffled with the seeded
 * mulberry32 generator (Fisher–Yates) and dealt round-robin into min(`folds`, ids.length) folds, so
 * fold sizes differ by at most one. Every frame of a file lands in the same fold. The same ids,
 * folds and seed give the same folds on every machine. Each fold lists its ids ascending.
 */
export function fileFolds(ids: readonly number[], folds: number, seed: number): number[][] {
  if (!Number.isInteger(folds) || folds < 1) throw invalidArgument(`folds must be an integer ≥ 1; received ${String(folds)}`, { argument: 'folds', value: folds });
  const order = [...ids].sort((a, b) => a - b);
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const k = Math.min(folds, order.length);
  const out: number[][] = Array.from({ length: k }, () => []);
  order.forEach((id, position) => out[position % k]!.push(id));
  return out.map((fold) => fold.sort((a, b) => a - b));
}
