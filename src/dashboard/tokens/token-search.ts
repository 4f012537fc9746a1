import { request } from '../api';
import { fill, h, loading, showError } from '../dom';
import { baseName, clock, CODEBOOK_SIZE, fixed } from '../format';
import { DashTokenSearchDocument } from '../generated/graphql';
import type { DashTokenSearchQuery } from '../generated/graphql';
import { replaceParams } from '../address';
import { href } from '../route';

const PAGE = 25;
type Place = DashTokenSearchQuery['tokenOccurrences']['occurrences']['nodes'][number];

/**
 * "Where does layer L token T occur?": a form, per-corpus counts, and the places as links to the audio
 * view at the occurrence, a page at a time. The search is kept in the address (find, findLayer).
 */
export function tokenSearchPanel(initial: { layer: number; token: number | null }): HTMLElement {
  const layerInput = h('input', { name: 'findLayer', type: 'number', min: 1, max: 16, step: 1, required: true, value: initial.layer });
  const tokenInput = h('input', { name: 'find', type: 'number', min: 0, max: CODEBOOK_SIZE - 1, step: 1, required: true, value: initial.token ?? '' });
  const form = h('form', { class: 'controls', role: 'search', 'aria-label': 'Find a token' }, h('label', {}, 'Layer', layerInput), h('label', {}, 'Token id', tokenInput), h('button', { type: 'submit', class: 'primary' }, 'Find'));
  const result = h('div', { 'data-search': 'idle' });
  let generation = 0;

  async function search(layer: number, token: number): Promise<void> {
    const mine = ++generation;
    replaceParams({ find: token, findLayer: layer });
    result.dataset['search'] = 'loading';
    fill(result, loading());
    try {
      const first = (await request(DashTokenSearchDocument, { layer, token, first: PAGE, after: null })).tokenOccurrences;
      if (mine !== generation) return;
      const list = h('ul', { class: 'places', 'aria-label': `Places of token ${token} on layer ${layer}` });
      const more = h('div');
      const addPage = (nodes: Place[], pageInfo: { hasNextPage: boolean; endCursor?: string | null }) => {
        for (const o of nodes) list.append(h('li', {}, h('a', { href: href('audio', o.audio.id, { t: o.seconds.toFixed(2) }), title: o.audio.source.path }, `audio ${o.audio.id} (${baseName(o.audio.source.path)}) @ ${clock(o.seconds, 2)}, frame ${o.frame}`)));
        fill(more, pageInfo.hasNextPage && pageInfo.endCursor ? h('button', { type: 'button', onclick: () => void next(pageInfo.endCursor!) }, `Next ${PAGE} places`) : null);
      };
      const next = async (after: string) => {
        try {
          const page = (await request(DashTokenSearchDocument, { layer, token, first: PAGE, after })).tokenOccurrences.occurrences;
          if (mine === generation) addPage(page.nodes, page.pageInfo);
        } catch (err) {
          showError(more, err, 'load more places');
        }
      };
      fill(
        result,
        h('p', {}, `Layer ${layer} token ${token}: ${first.totalCount} occurrences in ${first.audioCount} audios of ${first.corpora.length} corpora.`),
        first.corpora.length
          ? h(
              'table',
              { 'aria-label': 'Token occurrences by corpus' },
              h('thead', {}, h('tr', {}, h('th', {}, 'corpus'), h('th', { class: 'num' }, 'occurrences'), h('th', { class: 'num' }, 'audios'), h('th', { class: 'num' }, 'share of frames'))),
              h('tbody', {}, first.corpora.map((c) => h('tr', {}, h('td', {}, c.corpus.name), h('td', { class: 'num' }, c.count), h('td', { class: 'num' }, c.audioCount), h('td', { class: 'num' }, fixed(c.corpus.frameCount ? c.count / c.corpus.frameCount : 0, 4))))),
            )
          : null,
        list,
        more,
      );
      addPage(first.occurrences.nodes, first.occurrences.pageInfo);
      result.dataset['search'] = 'done';
    } catch (err) {
      if (mine !== generation) return;
      showError(result, err, 'search the token');
      result.dataset['search'] = 'error';
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    e.stopPropagation();
    void search(Number(layerInput.value), Number(tokenInput.value));
  });
  if (initial.token !== null) void search(initial.layer, initial.token);
  return h('section', { class: 'card' }, h('h2', {}, 'Find a token'), h('p', { class: 'muted' }, 'Where a token of a layer occurs, how often, in which corpora; each place opens the audio there.'), form, result);
}
