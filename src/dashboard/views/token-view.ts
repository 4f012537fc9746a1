import { request } from '../api';
import { draw, PALETTE } from '../charts';
import { fill, h, loading, showError } from '../dom';
import { baseName, clock, CODEBOOK_SIZE, fixed } from '../format';
import { DashColdTokensDocument, DashCorporaDocument, DashTokenFrequenciesDocument } from '../generated/graphql';
import type { DashColdTokensQuery } from '../generated/graphql';
import { replaceParams } from '../address';
import { href } from '../route';
import type { Route } from '../route';

const TABLE_ROWS = 25;

/** A layer's token frequency histogram over a corpus, its cold tokens against a reference, and where they occur. */
export function renderTokenView(root: HTMLElement, route: Route): () => void {
  let alive = true;
  let generation = 0;
  const controls = h('form', { class: 'controls', 'aria-label': 'Token view settings' });
  const status = h('div', {}, loading());
  const canvas = h('canvas', { 'data-chart': 'token-histogram' });
  const summary = h('p', { class: 'muted' });
  const table = h('div');
  fill(
    root,
    h('h1', {}, 'Tokens'),
    controls,
    status,
    h('section', { class: 'card' }, h('h2', {}, 'Token frequencies by token id (log scale)'), summary, h('div', { class: 'chart tall' }, canvas)),
    h('h2', {}, 'Coldest tokens and where they occur'),
    table,
  );

  const select = (name: string, options: string[], value: string, label: string) =>
    h('label', {}, label, h('select', { name }, options.map((o) => h('option', { value: o, selected: o === value }, o))));

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
      const [freq, cold] = await Promise.all([
        request(DashTokenFrequenciesDocument, { corpus: target, layer }),
        request(DashColdTokensDocument, { reference, target, layer, maxReferenceCount, occurrences: 3 }),
      ]);
      if (!alive || mine !== generation) return;
      fill(status);
      drawHistogram(freq.tokenFrequencies.tokens, cold.coldTokens, target, reference, layer);
      summary.textContent = `${target}, layer ${layer}: ${fixed(freq.tokenFrequencies.totalTokens, 0)} tokens, ${freq.tokenFrequencies.distinctTokens} distinct of ${CODEBOOK_SIZE}; ${cold.coldTokens.length} cold against ${reference} (≤ ${maxReferenceCount} there), in red.`;
      drawTable(cold.coldTokens);
    } catch (err) {
      if (!alive || mine !== generation) return;
      showError(status, err, 'load the token statistics');
      fill(table);
    }
    if (alive && mine === generation) root.dataset['ready'] = 'true';
  }

  function drawHistogram(tokens: { token: number; count: number }[], cold: DashColdTokensQuery['coldTokens'], target: string, reference: string, layer: number): void {
    const all = new Array<number | null>(CODEBOOK_SIZE).fill(null);
    for (const t of tokens) all[t.token] = t.count;
    const coldSet = new Set(cold.map((c) => c.token));
    const normal = all.map((c, i) => (coldSet.has(i) ? null : c));
    const coldCounts = all.map((c, i) => (coldSet.has(i) ? c : null));
    draw(
      canvas,
      {
        type: 'bar',
        data: {
          labels: all.map((_, i) => String(i)),
          datasets: [
            { label: `tokens of ${target}`, data: normal, backgroundColor: PALETTE[0]!, barPercentage: 1, categoryPercentage: 1, grouped: false },
            { label: `cold against ${reference}`, data: coldCounts, backgroundColor: '#d64541', barPercentage: 1, categoryPercentage: 1, grouped: false, minBarLength: 2 },
          ],
        },
        options: {
          plugins: { legend: { display: true } },
          scales: { x: { title: { display: true, text: `token id (layer ${layer})` }, ticks: { maxTicksLimit: 17, autoSkip: true } }, y: { type: 'logarithmic', title: { display: true, text: 'count' } } },
        },
      },
      `Token frequency histogram of layer ${layer} in ${target}, with tokens cold against ${reference} in red`,
    );
  }

  function drawTable(cold: DashColdTokensQuery['coldTokens']): void {
    if (cold.length === 0) {
      fill(table, h('p', { class: 'muted' }, 'No cold tokens: every token of the target occurs often enough in the reference.'));
      return;
    }
    fill(
      table,
      h(
        'table',
        { 'aria-label': 'Coldest tokens' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'token'), h('th', { class: 'num' }, 'in reference'), h('th', { class: 'num' }, 'in target'), h('th', { class: 'num' }, 'audios'), h('th', {}, 'where (first occurrences)'))),
        h(
          'tbody',
          {},
          cold.slice(0, TABLE_ROWS).map((c) =>
            h(
              'tr',
              {},
              h('td', { class: 'num' }, c.token),
              h('td', { class: 'num' }, c.referenceCount),
              h('td', { class: 'num' }, c.targetCount),
              h('td', { class: 'num' }, c.audioCount),
              h(
                'td',
                {},
                c.occurrences.flatMap((o, i) => [i > 0 ? ', ' : '', h('a', { href: href('audio', o.audio.id, { t: o.seconds.toFixed(2) }), title: o.audio.source.path }, `${baseName(o.audio.source.path)} @ ${clock(o.seconds)}`)]),
              ),
            ),
          ),
        ),
      ),
      cold.length > TABLE_ROWS ? h('p', { class: 'muted' }, `${cold.length - TABLE_ROWS} more cold tokens not listed.`) : null,
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
