import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import type { CorpusRow } from '../store/rows.js';
import type { Store } from '../store/store.js';

/**
 * The corpus named `corpus` (argument `argument`, for messages), which must hold audio of `model`:
 * NOT_FOUND when there is no such corpus, INVALID_ARGUMENT when it is empty, MODEL_MISMATCH when it
 * holds only codes of other models.
 */
export async function requireModelCorpus(store: Store, argument: string, corpus: string, model: string): Promise<CorpusRow> {
  const [row] = await store.corpora.requireByNames([corpus]);
  // "reference corpus "x"", but "corpus "x"" for an argument named corpus.
  const what = argument === 'corpus' ? 'corpus' : `${argument} corpus`;
  const [summary] = await store.corpora.summaries([row!.id]);
  if (!summary!.audioCount) throw invalidArgument(`${what} "${corpus}" holds no audio`, { argument, value: corpus });
  if (!summary!.models.includes(model)) {
    throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `${what} "${corpus}" holds codes of ${summary!.models.join(', ')}, not of ${model}`, {
      argument,
      [argument]: corpus,
      model,
      models: summary!.models,
    });
  }
  return row!;
}
