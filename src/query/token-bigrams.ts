import { ErrorCode, TokenscopeError } from '../errors.js';
import { excerpt } from '../jsutils/excerpt.js';
import type { BigramRow, CorpusRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { checkLimit } from './check-limit.js';
import { checkLayer } from './check-token.js';

/** Arguments of a top-bigrams query. */
export interface TokenBigramsQuery {
  corpus: string;
  layer: number;
  model?: string | null | undefined;
  first: number;
  maxFirst: number;
}

/** The most frequent consecutive token pairs of one layer of a corpus. */
export interface TokenBigrams {
  corpus: CorpusRow;
  layer: number;
  /** Pairs of consecutive frames counted: Σ (frames − 1) over the corpus's audios. */
  totalPairs: number;
  bigrams: BigramRow[];
}

/**
 * Counts the pairs (token at frame t, token at frame t+1) within each audio of a corpus on one layer;
 * pairs never cross from one audio to the next. Refuses a corpus of several models without `model`,
 * since their tokens index different codebooks.
 */
export async function tokenBigrams(store: Store, q: TokenBigramsQuery): Promise<TokenBigrams> {
  const layer = checkLayer(q.layer);
  checkLimit('first', q.first, q.maxFirst);
  const [corpus] = await store.corpora.requireByNames([q.corpus]);
  const [summary] = await store.corpora.summaries([corpus!.id]);
  const model = q.model ?? undefined;
  if (model === undefined && summary!.models.length > 1) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `corpus ${excerpt(q.corpus)} holds codes of several models (${summary!.models.join(', ')}); pass model to count one codebook's pairs`, { models: summary!.models });
  }
  if (model !== undefined && !summary!.models.includes(model)) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `no matrix of model ${excerpt(model)} in ${excerpt(q.corpus)}; models there: ${summary!.models.join(', ') || 'none'}`, { model, models: summary!.models });
  }
  const scope = { corpusIds: [corpus!.id], model };
  const [totalPairs, bigrams] = await Promise.all([store.tokens.bigramTotal(scope), store.tokens.bigrams(scope, layer, q.first)]);
  return { corpus: corpus!, layer, totalPairs, bigrams };
}
