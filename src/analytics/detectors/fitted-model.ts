import type { ReferenceCounts } from '../reference-counts.js';
import { checkReferenceCounts } from '../reference-counts.js';
import type { ScoringEnvironment } from './detector.js';

/**
 * The model `fit` makes for (detector, params, corpus), from the cache when the corpus's version
 * is unchanged. The version is read before fitting; a context without corpusVersion gets a fresh
 * fit every time. `params` must hold only what changes the fit.
 */
export async function fittedModel<T>(
  env: ScoringEnvironment,
  key: { detector: string; corpus: string; params: Readonly<Record<string, unknown>> },
  fit: () => Promise<T>,
): Promise<T> {
  const version = await env.ctx.corpusVersion?.(key.corpus);
  return version === undefined ? fit() : env.models.getOrFit({ ...key, version }, fit);
}

/** The checked token histograms of a reference corpus, cached by version like a fitted model. */
export function cachedReferenceCounts(env: ScoringEnvironment, corpus: string): Promise<ReferenceCounts> {
  return fittedModel(env, { detector: 'referenceCounts', corpus, params: {} }, async () =>
    checkReferenceCounts(await env.ctx.referenceCounts(corpus), `corpus ${corpus}`),
  );
}
