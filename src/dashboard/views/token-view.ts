import { request } from '../api';
import { draw, PALETTE } from '../charts';
import { fill, h, loading, showError } from '../dom';
import { CODEBOOK_SIZE, fixed } from '../format';
import { DashColdTokensDocument, DashCorporaDocument, DashTokenBigramsDocument, DashTokenFrequenciesDocument } from '../generated/graphql';
import type { DashColdTokensQuery } from '../generated/graphql';
import { replaceParams } from '../address';
import type { Route } from '../route';
import { bigramTable } from '../tokens/bigram-table';
import { coldTable } from '../tokens/cold-table';
import { tokenSearchPanel } from '../tokens/token-search';

/** The API's largest page of cold tokens. */
const COLD_PAGE = 1000;

/**
 * A layer's token shares in a corpus beside those of a reference corpus, its cold tokens against the
 * reference and where they occur, its most frequent token pairs, and a search for any token.
 */
export function renderTokenView(root: HTMLElement, route: Route): () => void {
  let alive = true;
  let generation = 0;
  const controls = h('form', { class: 'controls', 'aria-label': 'Token view settings' });
  const status = h('div', {}, loading());
  const canvas = h('canvas', { 'data-chart': 'token-histogram' });
  const summary = h('p', { class: 'muted' });
  const table = h('div');
  const bigrams = h('div');
  const searchLayer = Math.min(16, Math.max(1, Number(route.params.get('findLayer') ?? route.params.get('layer')) || 1));
  const found = route.params.get('find');
  fill(
    root,
    h('h1', {}, 'Tokens'),
    controls,
    status,
    h('section', { class: 'card' }, h('h2', {}, 'Token shares by token id, corpus and reference (log scale)'), summary, h('div', { class: 'chart tall' }, canvas)),
    tokenSearchPanel({ layer: searchLayer, token: found !== null && found !== '' && Number.isInteger(Number(found)) ? Number(found) : null }),
    h('h2', {}, 'Coldest tokens and where they occur'),
    table,
    h('h2', {}, 'Most frequent consecutive token pairs'),
    bigrams,
  );

  const select = (name: string, options: string[], value: string, label: string) =>
    h('label', {}, label, h('select', { name }, options.map((o) => h('option', { value: o, selected: o === value }, o))));

  /** Every cold token of the layer, a page of the API at a time. */
  async function allColdTokens(vars: { reference: string; target: string; layer: number; maxReferenceCount: number }): Promise<DashColdTokensQuery['coldTokens']> {
    const out: DashColdTokensQuery['coldTokens'] = [];
    for (;;) {
      const page = (await request(DashColdTokensDocument, { ...vars, occurrences: 3, offset: out.length })).coldTokens;
      out.push(...page);
      if (page.length < COLD_PAGE) return out;
    }
  }

  async function load(): Promise<void> {
    const form = new FormData(controls);
    const target = String(form.get('target'));
    const reference = String(form.get('reference'));
    const layer = Number(form.get('layer'));
    const maxReferenceCount = Math.max(0, Math.floor(Number(form.get('max')) || 0));
    replaceParams({ target, reference, layer, max: maxReferenceCount });
    const mine = ++generation;
    root.dataset['ready'] = 'false';
    fill(status, loading());
    try {
      const [freq, ref, cold, pairs] = await Promise.all([
        request(DashTokenFrequenciesDocument, { corpus: target, layer }),
        request(DashTokenFrequenciesDocument, { corpus: reference, layer }),
        allColdTokens({ reference, target, layer, maxReferenceCount }),
        request(DashTokenBigramsDocument, { corpus: target, layer }),
      ]);
      if (!alive || mine !== generation) return;
      fill(status);
      drawHistogram(freq.tokenFrequencies, ref.tokenFrequencies, cold, target, reference, layer);
      summary.textContent = `${target}, layer ${layer}: ${fixed(freq.tokenFrequencies.totalTokens, 0)} tokens, ${freq.tokenFrequencies.distinctTokens} distinct of ${CODEBOOK_SIZE}; ${reference}: ${fixed(ref.tokenFrequencies.totalTokens, 0)} tokens. Shares of each corpus's tokens, so corpora of different sizes compare; ${cold.length} tokens cold against ${reference} (≤ ${maxReferenceCount} there), in red.`;
      coldTable(table, cold);
      bigramTable(bigrams, pairs.tokenBigrams, target, layer);
    } catch (err) {
      if (!alive || mine !== generation) return;
      showError(status, err, 'load the token statistics');
      fill(table);
      fill(bigrams);
    }
    if (alive && mine === generation) root.dataset['ready'] = 'true';
  }

  type Frequencies = { totalTokens: number; tokens: { token: number; count: number }[] };
  const shares = (f: Frequencies) => {
    const all = new Array<number | null>(CODEBOOK_SIZE).fill(null);
    for (const t of f.tokens) all[t.token] = f.totalTokens ? t.count / f.totalTokens : 0;
    return all;
  };

  function drawHistogram(target: Frequencies, reference: Frequencies, cold: DashColdTokensQuery['coldTokens'], targetName: string, referenceName: string, layer: number): void {
    const coldSet = new Set(cold.map((c) => c.token));
    const targetShares = shares(target);
    draw(
      canvas,
      {
        type: 'bar',
        data: {
          labels: targetShares.map((_, i) => String(i)),
          datasets: [
            { label: `share in ${targetName} (cold tokens red)`, data: targetShares, backgroundColor: targetShares.map((_, i) => (coldSet.has(i) ? '#d64541' : PALETTE[0]!)), barPercentage: 1, categoryPercentage: 1, minBarLength: 2, order: 2 },
            // The reference as a line over the bars: both on one axis, as shares of their own corpus.
            { type: 'line', label: `share in ${referenceName}`, data: shares(reference), borderColor: '#e07b00', backgroundColor: '#e07b00', borderWidth: 1, pointRadius: 0, spanGaps: false, order: 1 } as never,
          ],
        },
        options: {
          plugins: { legend: { display: true } },
          scales: { x: { title: { display: true, text: `token id (layer ${layer})` }, ticks: { maxTicksLimit: 17, autoSkip: true } }, y: { type: 'logarithmic', title: { display: true, text: 'share of the corpus\'s tokens' } } },
        },
      },
      `Token shares of layer ${layer} in ${targetName} (bars, cold tokens in red) and in ${referenceName} (line)`,
    );
  }

  void (async () => {
    let names: string[];
    try {
      names = (await request(DashCorporaDocument, {})).corpora.map((c) => c.name);
    } catch (err) {
      if (alive) {
        showError(status, err, 'list the corpora');
        root.dataset['ready'] = 'error';
      }
      return;
    }
    if (!alive) return;
    if (names.length === 0) {
      fill(status, h('p', {}, 'No corpora yet.'));
      root.dataset['ready'] = 'true';
      return;
    }
    const pick = (key: string, fallback: string) => {
      const v = route.params.get(key);
      return v && names.includes(v) ? v : fallback;
    };
    const target = pick('target', names[names.length > 1 ? 1 : 0]!);
    const reference = pick('reference', names.find((n) => n !== target) ?? names[0]!);
    const layer = String(Math.min(16, Math.max(1, Number(route.params.get('layer')) || 1)));
    fill(
      controls,
      select('target', names, target, 'Corpus'),
      select('reference', names, reference, 'Reference corpus'),
      select('layer', Array.from({ length: 16 }, (_, i) => String(i + 1)), layer, 'Layer'),
      h('label', {}, 'Cold: at most … in the reference', h('input', { name: 'max', type: 'number', min: 0, step: 1, value: route.params.get('max') ?? '0' })),
    );
    controls.addEventListener('change', () => void load());
    controls.addEventListener('submit', (e) => {
      e.preventDefault();
      void load();
    });
    await load();
  })();
  return () => {
    alive = false;
  };
}
