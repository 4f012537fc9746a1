import { fill, h } from '../dom';
import { baseName, clock } from '../format';
import type { DashColdTokensQuery } from '../generated/graphql';
import { href } from '../route';

const PAGE = 25;
type Cold = DashColdTokensQuery['coldTokens'][number];

/** Every cold token in a table of 25 rows a page, with previous/next and "show all". */
export function coldTable(el: HTMLElement, cold: readonly Cold[]): void {
  if (cold.length === 0) {
    fill(el, h('p', { class: 'muted' }, 'No cold tokens: every token of the target occurs often enough in the reference.'));
    return;
  }
  let start = 0;
  let all = false;
  const body = h('tbody');
  const caption = h('p', { class: 'muted', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', onclick: () => show(start - PAGE, false) }, `Previous ${PAGE}`);
  const next = h('button', { type: 'button', onclick: () => show(start + PAGE, false) }, `Next ${PAGE}`);
  const toggle = h('button', { type: 'button', onclick: () => show(0, !all) }, 'Show all');

  function show(from: number, showAll: boolean): void {
    all = showAll;
    start = all ? 0 : Math.max(0, Math.min(from, Math.floor((cold.length - 1) / PAGE) * PAGE));
    const end = all ? cold.length : Math.min(cold.length, start + PAGE);
    fill(body, cold.slice(start, end).map(row));
    caption.textContent = `Cold tokens ${start + 1}–${end} of ${cold.length}.`;
    prev.disabled = all || start === 0;
    next.disabled = all || end >= cold.length;
    toggle.textContent = all ? `Show ${PAGE} a page` : `Show all ${cold.length}`;
  }

  fill(
    el,
    h(
      'table',
      { 'aria-label': 'Coldest tokens' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'token'), h('th', { class: 'num' }, 'in reference'), h('th', { class: 'num' }, 'in target'), h('th', { class: 'num' }, 'audios'), h('th', {}, 'where (first occurrences)'))),
      body,
    ),
    cold.length > PAGE ? h('div', { class: 'controls pager' }, caption, prev, next, toggle) : caption,
  );
  show(0, false);
}

function row(c: Cold): HTMLElement {
  return h(
    'tr',
    {},
    h('td', { class: 'num' }, c.token),
    h('td', { class: 'num' }, c.referenceCount),
    h('td', { class: 'num' }, c.targetCount),
    h('td', { class: 'num' }, c.audioCount),
    h('td', {}, c.occurrences.flatMap((o, i) => [i > 0 ? ', ' : '', h('a', { href: href('audio', o.audio.id, { t: o.seconds.toFixed(2) }), title: o.audio.source.path }, `${baseName(o.audio.source.path)} @ ${clock(o.seconds)}`)])),
  );
}
