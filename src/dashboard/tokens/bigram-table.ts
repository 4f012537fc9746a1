import { fill, h } from '../dom';
import type { DashTokenBigramsQuery } from '../generated/graphql';

/** The most frequent consecutive token pairs of a layer, with counts and shares of all pairs. */
export function bigramTable(el: HTMLElement, r: DashTokenBigramsQuery['tokenBigrams'], corpus: string, layer: number): void {
  fill(
    el,
    h('p', { class: 'muted' }, `${r.totalPairs} pairs of consecutive frames (t, t+1 within one audio) on layer ${layer} of ${corpus}.`),
    r.bigrams.length
      ? h(
          'table',
          { 'aria-label': 'Most frequent token pairs' },
          h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'token t'), h('th', { class: 'num' }, 'token t+1'), h('th', { class: 'num' }, 'count'), h('th', { class: 'num' }, 'share'))),
          h('tbody', {}, r.bigrams.map((b) => h('tr', {}, h('td', { class: 'num' }, b.first), h('td', { class: 'num' }, b.second), h('td', { class: 'num' }, b.count), h('td', { class: 'num' }, `${(b.share * 100).toFixed(2)} %`)))),
        )
      : h('p', { class: 'muted' }, 'No pairs: every audio of the corpus is a single frame.'),
  );
}
