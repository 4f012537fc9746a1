import { request } from '../api';
import { fill, h, loading, showError } from '../dom';
import { clock } from '../format';
import { DashCorporaDocument, DashCorpusAudiosDocument } from '../generated/graphql';
import { href } from '../route';

/** `#/audio` without an id: pick a corpus, then an audio. */
export function renderAudioPicker(root: HTMLElement): () => void {
  let alive = true;
  const list = h('div', {}, loading());
  const controls = h('div', { class: 'controls' });
  fill(root, h('h1', {}, 'Audio'), h('p', { class: 'muted' }, 'Choose an audio to see its code matrix, a detector’s scores and its anomalies.'), controls, list);
  async function show(corpus: string, after: string | null = null): Promise<void> {
    fill(list, loading());
    try {
      const { audios } = await request(DashCorpusAudiosDocument, { corpus, first: 100, after });
      if (!alive) return;
      fill(
        list,
        h('table', { 'aria-label': `Audios of ${corpus}` }, h('thead', {}, h('tr', {}, h('th', {}, 'id'), h('th', {}, 'source'), h('th', { class: 'num' }, 'duration'))), h('tbody', {}, audios.nodes.map((a) => h('tr', {}, h('td', {}, h('a', { href: href('audio', a.id) }, a.id)), h('td', { title: a.source.path }, a.name), h('td', { class: 'num' }, clock(a.durationSeconds)))))),
        audios.pageInfo.hasNextPage ? h('button', { type: 'button', onclick: () => void show(corpus, audios.pageInfo.endCursor ?? null) }, 'Next 100') : null,
      );
    } catch (err) {
      if (alive) showError(list, err, `list the audios of ${corpus}`);
    }
    if (alive) root.dataset['ready'] = 'true';
  }
  void (async () => {
    try {
      const names = (await request(DashCorporaDocument, {})).corpora.map((c) => c.name);
      if (!alive) return;
      if (names.length === 0) {
        fill(list, h('p', {}, 'No corpora yet.'));
        root.dataset['ready'] = 'true';
        return;
      }
      const select = h('select', { 'aria-label': 'corpus', onchange: () => void show(select.value) }, names.map((n) => h('option', { value: n }, n)));
      fill(controls, h('label', {}, 'Corpus', select));
      await show(names[0]!);
    } catch (err) {
      if (alive) {
        showError(list, err, 'list the corpora');
        root.dataset['ready'] = 'error';
      }
    }
  })();
  return () => {
    alive = false;
  };
}
