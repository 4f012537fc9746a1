import type { CorpusRow, TokenCorpusCountRow, TokenOccurrenceRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { TokenSearchScope } from '../store/token-repository.js';
import { checkLimit } from './check-limit.js';
import { checkLayer, checkToken } from './check-token.js';

/** Arguments of a token search: where one token of one layer occurs. */
export interface TokenSearchQuery {
  layer: number;
  token: number;
  /** Corpora to search; every corpus when absent or null. */
  corpora?: readonly string[] | null | undefined;
  model?: string | null | undefined;
  maxCorpora: number;
}

/** How often a token occurs, per corpus and in all, and the scope its places are paged in. */
export interface TokenCounts {
  scope: TokenSearchScope;
  /** Corpora holding the token, in the order searched, with their counts. */
  corpora: { corpus: CorpusRow; counts: TokenCorpusCountRow }[];
  totalCount: number;
  audioCount: number;
}

/** Counts a (layer, token) in corpora from the per-audio token counts written at ingest (no frame is read). */
export async function tokenCounts(store: Store, q: TokenSearchQuery): Promise<TokenCounts> {
  const layer = checkLayer(q.layer);
  const token = checkToken(q.token);
  if (q.corpora) checkLimit('corpora (count)', q.corpora.length, q.maxCorpora);
  const corpora = q.corpora ? await store.corpora.requireByNames([...new Set(q.corpora)]) : await store.corpora.list();
  const scope = { corpusIds: corpora.map((c) => c.id), model: q.model ?? undefined, layer, token };
  const counts = await store.tokens.corpusCounts(scope);
  const byCorpus = new Map(counts.map((c) => [c.corpusId, c]));
  return {
    scope,
    corpora: corpora.filter((c) => byCorpus.has(c.id)).map((corpus) => ({ corpus, counts: byCorpus.get(corpus.id)! })),
    totalCount: counts.reduce((a, c) => a + c.count, 0),
    audioCount: counts.reduce((a, c) => a + c.audioCount, 0),
  };
}

/** One page of the places a token occurs, in audio then frame order, after `after` (exclusive). */
export async function occurrencePage(
  store: Store,
  scope: TokenSearchScope,
  first: number,
  after: { audioId: number; frame: number } | null,
  maxFirst: number,
): Promise<{ occurrences: TokenOccurrenceRow[]; hasNextPage: boolean }> {
  checkLimit('first', first, maxFirst);
  const rows = await store.tokens.occurrencePage(scope, after, first + 1);
  return { occurrences: rows.slice(0, first), hasNextPage: rows.length > first };
}
