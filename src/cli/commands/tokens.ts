import { TokenBigramsDocument, TokenOccurrencesDocument } from '../../client/generated/graphql.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';
import { readableNumber } from '../readable-number.js';

/** Options of `tokenscope tokens find`. */
export interface TokensFindCliOptions extends DbOptions {
  layer: number;
  token: number;
  /** Corpora to search (repeatable); all when absent. */
  corpus?: string[];
  model?: string;
  /** Places listed (default 20); 0 lists them all, page by page. */
  limit?: number;
}

/** The largest page the API serves (LIMITS.maxOccurrencePage). */
const PAGE = 500;

/** Prints how often a token occurs per corpus, then where (audio id, frame, seconds). */
export async function tokensFindCommand(options: TokensFindCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const wanted = options.limit ?? 20;
    const vars = { layer: options.layer, token: options.token, corpora: options.corpus ?? null, model: options.model ?? null };
    let page = (await execute(app, TokenOccurrencesDocument, { ...vars, first: wanted === 0 ? PAGE : Math.min(wanted, PAGE), after: null })).data.tokenOccurrences;
    const s = page;
    console.log(`layer ${s.layer} token ${s.token}: ${readableNumber(s.totalCount)} occurrences in ${readableNumber(s.audioCount)} audios of ${s.corpora.length} corpora`);
    if (!s.corpora.length) return 0;
    console.log(
      formatTable(
        ['corpus', 'occurrences', 'audios', 'share of frames'],
        s.corpora.map((c) => [c.corpus.name, readableNumber(c.count), readableNumber(c.audioCount), readableNumber(c.corpus.frameCount ? c.count / c.corpus.frameCount : 0)]),
        [false, true, true, true],
      ),
    );
    const places = [...page.occurrences.nodes];
    while (page.occurrences.pageInfo.hasNextPage && (wanted === 0 || places.length < wanted)) {
      const first = wanted === 0 ? PAGE : Math.min(PAGE, wanted - places.length);
      page = (await execute(app, TokenOccurrencesDocument, { ...vars, first, after: page.occurrences.pageInfo.endCursor })).data.tokenOccurrences;
      places.push(...page.occurrences.nodes);
    }
    console.log('');
    console.log(formatTable(['audio', 'frame', 'seconds'], places.map((o) => [Number(o.audio.id), o.frame, o.seconds.toFixed(2)]), [true, true, true]));
    if (places.length < s.totalCount) console.log(`${readableNumber(places.length)} of ${readableNumber(s.totalCount)} places listed; --limit 0 lists them all`);
    return 0;
  });
}

/** Options of `tokenscope tokens bigrams`. */
export interface TokensBigramsCliOptions extends DbOptions {
  corpus: string;
  layer: number;
  model?: string;
  /** Pairs listed (default 20). */
  top?: number;
}

/** Prints the most frequent consecutive token pairs of one layer of a corpus, with counts and shares. */
export async function tokensBigramsCommand(options: TokensBigramsCliOptions): Promise<number> {
  return withApp(options, async (app) => {
    const r = (await execute(app, TokenBigramsDocument, { corpus: options.corpus, layer: options.layer, first: options.top ?? 20, model: options.model ?? null })).data.tokenBigrams;
    console.log(`${options.corpus}, layer ${r.layer}: ${readableNumber(r.totalPairs)} pairs of consecutive frames`);
    console.log(formatTable(['token t', 'token t+1', 'count', 'share'], r.bigrams.map((b) => [b.first, b.second, readableNumber(b.count), readableNumber(b.share)]), [true, true, true, true]));
    return 0;
  });
}
