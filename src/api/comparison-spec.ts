import { invalidArgument } from '../errors.js';
import type { ComparisonLimits, ComparisonSpec } from '../query/compare-detectors.js';
import type { SourceGroupSpec } from '../query/source-groups.js';
import type { ApiContext } from './context.js';
import { resolveInsideRoots } from './data-roots.js';
import type { ComparisonArgs } from './inputs/comparison.args.js';
import { LIMITS } from './limits.js';
import { LabelFormatEnum } from './types/label-file.type.js';

/** The caps of one comparison, from LIMITS. */
export const COMPARISON_LIMITS: ComparisonLimits = { maxConfigurations: LIMITS.maxComparisonConfigurations, maxBootstrap: LIMITS.maxBootstrap, maxFolds: LIMITS.maxFolds };

/**
 * A comparison's arguments as the spec compareDetectors runs: the label and group files resolved
 * inside the data roots (PATH_OUTSIDE_ROOTS otherwise), groupBy and groups not both.
 */
export async function comparisonSpec(args: ComparisonArgs, ctx: ApiContext): Promise<ComparisonSpec> {
  const { corpus, detectors, folds, seed, bootstrap, model, name, labels, labelsFormat, groupBy, groups } = args;
  if (groupBy != null && groups != null) throw invalidArgument('give groupBy or groups, not both', { argument: 'groups' });
  const labelFile = labels ? { path: await resolveInsideRoots(labels, ctx.config.dataRoots), format: labelsFormat ?? LabelFormatEnum.CSV } : null;
  const sourceGroups: SourceGroupSpec | null =
    groupBy != null ? { kind: 'metadata', key: groupBy } : groups != null ? { kind: 'file', path: await resolveInsideRoots(groups, ctx.config.dataRoots) } : null;
  return { corpus, detectors, folds, seed, bootstrap, model: model ?? null, name: name ?? null, labels: labelFile, groups: sourceGroups };
}
