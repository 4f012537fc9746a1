import { request } from '../api';
import { layerChart, PALETTE } from '../charts';
import { errorBox, fill, h, loading, showError } from '../dom';
import { fixed, hours } from '../format';
import { DashCorporaDocument, DashCorpusLayersDocument } from '../generated/graphql';
import type { DashCorporaQuery, DashCorpusLayersQuery } from '../generated/graphql';
import { replaceParams } from '../address';
import { sizeMatchedSection } from '../corpora/size-matched';
import { stabilitySection } from '../corpora/stability';
import { href } from '../route';
import type { Route } from '../route';

type CorpusRow = DashCorporaQuery['corpora'][number];
type LayerRow = DashCorpusLayersQuery['layerStats']['layers'][number];

const METRICS: { key: keyof LayerRow; title: string; unit: string }[] = [
  { key: 'variance', title: 'Token variance', unit: 'variance of token ids' },
  { key: 'entropyBits', title: 'Entropy (grows with corpus size)', unit: 'bits (max 11)' },
  { key: 'utilisation', title: 'Codebook utilisation (grows with corpus size)', unit: 'share of 2048 codes used' },
];

/** Corpora with their size, and per-layer statistics of any number of them side by side, also at equal size. */
export function renderCorpusView(root: HTMLElement, route: Route): () => void {
  let alive = true;
  const table = h('div', {}, loading());
  const charts = h('div', { class: 'grid3' });
  const chartError = h('div');
  const matched = sizeMatchedSection();
  const stability = stabilitySection();
  fill(root, h('h1', {}, 'Corpora'), h('p', { class: 'muted' }, 'Tick the corpora to compare their per-layer statistics side by side (from the pre-aggregates written at ingest).'), table, chartError, charts, matched.el, stability.el);

  const canvases = METRICS.map((m) => {
    const canvas = h('canvas', { 'data-metric': m.key });
    charts.append(h('section', { class: 'card' }, h('h2', {}, m.title), h('div', { class: 'chart' }, canvas)));
    return canvas;
  });

  let corpora: CorpusRow[] = [];
  const selected = new Set((route.params.get('compare') ?? '').split(',').filter(Boolean));

  async function drawCharts(): Promise<void> {
    const names = corpora.map((c) => c.name).filter((n) => selected.has(n));
    replaceParams({ compare: names.join(',') });
    fill(chartError);
    if (names.length === 0) {
      fill(chartError, h('p', { class: 'muted' }, 'No corpus selected.'));
      void stability.draw([]);
      root.dataset['ready'] = 'true';
      return;
    }
    root.dataset['ready'] = 'false';
    try {
      const [stats] = await Promise.all([Promise.all(names.map((corpus) => request(DashCorpusLayersDocument, { corpus }))), matched.draw(names, names.map((n) => corpora.find((c) => c.name === n)?.frameCount ?? 0)), stability.draw(names)]);
      if (!alive) return;
      METRICS.forEach((m, i) => layerChart(canvases[i]!, m.title, names.map((name, k) => ({ name, values: stats[k]!.layerStats.layers.map((l) => Number(l[m.key])) })), m.unit));
      fill(chartError, h('p', { class: 'muted' }, names.map((n, k) => h('span', {}, h('span', { class: 'legend-chip', style: `background:${PALETTE[k]}` }), `${n}: ${stats[k]!.layerStats.audioCount} audios, ${stats[k]!.layerStats.frameCount} frames  `))));
    } catch (err) {
      if (alive) showError(chartError, err, 'load the layer statistics');
    }
    if (alive) root.dataset['ready'] = 'true';
  }

  function toggle(name: string, on: boolean): void {
    if (on) selected.add(name);
    else selected.delete(name);
    for (const box of table.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.checked = selected.has(box.value);
    void drawCharts();
  }

  void (async () => {
    try {
      corpora = (await request(DashCorporaDocument, {})).corpora;
    } catch (err) {
      if (!alive) return;
      showError(table, err, 'list the corpora');
      root.dataset['ready'] = 'error';
      return;
    }
    if (!alive) return;
    if (corpora.length === 0) {
      fill(table, h('p', {}, 'No corpora yet: ', h('a', { href: href('upload') }, 'upload audio'), ' or run `tokenscope ingest`.'));
      root.dataset['ready'] = 'true';
      return;
    }
    // Names the address holds that are no corpus are dropped; with none left, the first two corpora that hold frames.
    for (const name of [...selected]) if (!corpora.some((c) => c.name === name)) selected.delete(name);
    if (selected.size === 0) for (const c of corpora.filter((c) => c.frameCount > 0).slice(0, 2)) selected.add(c.name);
    fill(
      table,
      h(
        'table',
        { 'aria-label': 'Corpora' },
        h('thead', {}, h('tr', {}, h('th', {}, 'compare'), h('th', {}, 'corpus'), h('th', { class: 'num' }, 'audios'), h('th', { class: 'num' }, 'duration'), h('th', { class: 'num' }, 'frames'), h('th', {}, 'models'), h('th', {}, ''))),
        h(
          'tbody',
          {},
          corpora.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, h('input', { type: 'checkbox', value: c.name, checked: selected.has(c.name), 'aria-label': `compare ${c.name}`, onchange: (e: Event) => toggle(c.name, (e.target as HTMLInputElement).checked) })),
              h('td', {}, c.name, c.attached ? h('span', { class: 'attached', title: `read-only: read in place from dataset ${c.dataset ?? ''} at ${c.datasetPath ?? ''}` }, ' attached') : null),
              h('td', { class: 'num' }, c.audioCount),
              h('td', { class: 'num' }, hours(c.durationSeconds)),
              h('td', { class: 'num' }, fixed(c.frameCount, 0)),
              h('td', {}, c.models.join(', ')),
              h('td', {}, h('a', { href: href('tokens', null, { target: c.name }) }, 'tokens')),
            ),
          ),
        ),
      ),
    );
    await drawCharts();
  })().catch((err: unknown) => alive && fill(table, errorBox(err, 'show the corpora')));
  return () => {
    alive = false;
  };
}
