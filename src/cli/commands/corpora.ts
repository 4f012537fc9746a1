import { ColdTokensDocument, CorporaDocument, DeleteCorpusDocument } from '../../client/generated/graphql.js';
import type { ColdTokensQuery } from '../../client/generated/graphql.js';
import { CliError, execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Lists corpora with their sizes, models and, for an attached one, the dataset it is read from. */
export async function corporaCommand(options: DbOptions): Promise<number> {
  return withApp(options, async (app) => {
    const { data } = await execute(app, CorporaDocument, {});
    const attached = data.corpora.some((c) => c.attached);
    const header = ['corpus', 'audios', 'frames', 'hours', 'models', ...(attached ? ['attached from'] : [])];
    const rows = data.corpora.map((c) => [c.name, c.audioCount, c.frameCount, (c.durationSeconds / 3600).toFixed(3), c.models.join(', '), ...(attached ? [c.attached ? (c.datasetPath ?? c.dataset ?? '') : ''] : [])]);
    console.log(formatTable(header, rows));
    return 0;
  });
}

/** Options of `tokenscope corpora delete`. */
export interface DeleteCorpusCliOptions extends DbOptions {
  /** Delete without asking: required, since the audios, codes, labels and runs go with it. */
  yes?: boolean;
}

/** Deletes a corpus with its audios, codes, labels and evaluation runs; refuses without --yes, saying what would go. */
export async function deleteCorpusCommand(name: string, options: DeleteCorpusCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const { data } = await execute(app, CorporaDocument, {});
    const corpus = data.corpora.find((c) => c.name === name);
    if (!corpus) throw new CliError(`corpus ${JSON.stringify(name.slice(0, 100))} does not exist (tokenscope corpora lists them)`, 'NOT_FOUND');
    if (!options.yes) {
      throw new CliError(`corpus ${name} holds ${corpus.audioCount} audios (${(corpus.durationSeconds / 3600).toFixed(3)} h) with their codes, labels and evaluation runs: add --yes to delete them`, 'INVALID_ARGUMENT');
    }
    const deleted = (await execute(app, DeleteCorpusDocument, { name })).data.deleteCorpus;
    console.log(`deleted corpus ${name} and its ${deleted} audios`);
    return 0;
  });
}

/** Options of `tokenscope cold-tokens`. */
export interface ColdTokensCliOptions extends DbOptions {
  reference: string;
  target: string;
  layers?: number[];
  maxReferenceCount?: number;
  /** How many (default 20); 0 lists every cold token, page by page. */
  limit?: number;
}

/** The largest page the API serves (LIMITS.maxColdTokens). */
const COLD_PAGE = 1000;

/** Prints tokens rare in the reference that occur in the target, with where they occur. */
export async function coldTokensCommand(options: ColdTokensCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const wanted = options.limit ?? 20;
    const vars = { reference: options.reference, target: options.target, layers: options.layers ?? null, maxReferenceCount: options.maxReferenceCount ?? 0, occurrences: 3 };
    const cold: ColdTokensQuery['coldTokens'] = [];
    for (;;) {
      const limit: number = wanted === 0 ? COLD_PAGE : Math.min(COLD_PAGE, wanted - cold.length);
      const page = (await execute(app, ColdTokensDocument, { ...vars, limit, offset: cold.length })).data.coldTokens;
      cold.push(...page);
      if (page.length < limit || (wanted !== 0 && cold.length >= wanted)) break;
    }
    console.log(
      formatTable(
        ['layer', 'token', 'in reference', 'in target', 'audios', 'first occurrences (audio@s)'],
        cold.map((t) => [t.layer, t.token, t.referenceCount, t.targetCount, t.audioCount, t.occurrences.map((o) => `${o.audio.id}@${o.seconds.toFixed(2)}`).join(' ')]),
      ),
    );
    return 0;
  });
}
