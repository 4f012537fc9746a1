import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { excerpt } from '../jsutils/excerpt.js';
import { requireModelCorpus } from '../query/require-model-corpus.js';
import type { AudioRow, CorpusRow } from '../store/rows.js';
import type { Store } from '../store/store.js';

/** Audios read per page while listing a corpus. */
const PAGE = 1000;

/**
 * The model whose audios a stability run measures, and those audios in id order: `model` when
 * given (MODEL_MISMATCH when the corpus holds none of it), else the corpus's one model
 * (INVALID_ARGUMENT for an empty corpus, MODEL_MISMATCH naming the models when it holds several).
 */
export async function corpusModelAudios(store: Store, corpus: CorpusRow, model: string | null): Promise<{ model: string; audios: AudioRow[] }> {
  let chosen = model;
  if (chosen === null) {
    const [summary] = await store.corpora.summaries([corpus.id]);
    const models = summary!.models;
    if (!models.length) throw invalidArgument(`corpus ${excerpt(corpus.name)} holds no audio`, { corpus: corpus.name });
    if (models.length > 1) {
      throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `corpus ${excerpt(corpus.name)} holds codes of ${models.join(', ')}: name the model to measure (--model, or the model argument)`, { corpus: corpus.name, models });
    }
    chosen = models[0]!;
  } else {
    await requireModelCorpus(store, 'corpus', corpus.name, chosen);
  }
  const audios: AudioRow[] = [];
  for (let after = 0; ; ) {
    const page = await store.audios.listByCorpus(corpus.id, PAGE, after);
    audios.push(...page.filter((a) => a.model === chosen));
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  return { model: chosen, audios };
}
