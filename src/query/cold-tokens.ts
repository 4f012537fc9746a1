import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { ColdTokenRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { checkLayers } from './check-layers.js';
import { checkLimit } from './check-limit.js';

/** Arguments of a cold-token search. */
export interface ColdTokensQuery {
  reference: string;
  target: string;
  layers?: readonly number[] | null | undefined;
  /** Cold means at most this many occurrences in the reference (0 = never seen there). */
  maxReferenceCount: number;
  limit: number;
  maxLimit: number;
  /** Cold tokens skipped first (paging through all of them); 0 when absent. */
  offset?: number | undefined;
}

/** Cold tokens with the ids of the target corpus (for their occurrences). */
export interface ColdTokens {
  targetCorpusIds: number[];
  tokens: ColdTokenRow[];
}

/**
 * Tokens rare (≤ maxReferenceCount) or absent in the reference but present in the target,
 * compared within each model's codebook; MODEL_MISMATCH when the two share no model.
 */
export async function coldTokens(store: Store, q: ColdTokensQuery): Promise<ColdTokens> {
  const layers = checkLayers(q.layers);
  checkLimit('limit', q.limit, q.maxLimit);
  if (!Number.isInteger(q.maxReferenceCount) || q.maxReferenceCount < 0) {
    throw invalidArgument(`maxReferenceCount must be an integer ≥ 0; received ${q.maxReferenceCount}`, { argument: 'maxReferenceCount', value: q.maxReferenceCount });
  }
  const offset = q.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidArgument(`offset must be an integer ≥ 0; received ${offset}`, { argument: 'offset', value: offset });
  const [reference, target] = await store.corpora.requireByNames([q.reference, q.target]);
  const [refSummary, targetSummary] = await store.corpora.summaries([reference!.id, target!.id]);
  if (!refSummary!.audioCount) {
    throw invalidArgument(`reference corpus "${q.reference}" holds no audio`, { argument: 'reference', value: q.reference });
  }
  const shared = targetSummary!.models.filter((m) => refSummary!.models.includes(m));
  if (targetSummary!.audioCount && !shared.length) {
    throw new TokenscopeError(
      ErrorCode.MODEL_MISMATCH,
      `reference "${q.reference}" (models: ${refSummary!.models.join(', ')}) and target "${q.target}" (models: ${targetSummary!.models.join(', ')}) share no model; tokens of different codebooks cannot be compared`,
      { reference: refSummary!.models, target: targetSummary!.models },
    );
  }
  const tokens = await store.tokens.coldTokens({
    referenceCorpusIds: [reference!.id],
    targetCorpusIds: [target!.id],
    layers,
    maxReferenceCount: q.maxReferenceCount,
    limit: q.limit,
    offset,
  });
  return { targetCorpusIds: [target!.id], tokens };
}
