import { h } from '../dom';
import { fixed } from '../format';
import { configurationCell } from './lab-run';
import type { DetectorDefaults, LabRow, LabRun } from './lab-run';

function metric(m: { value?: number | null; low?: number | null; high?: number | null } | undefined): HTMLElement {
  if (!m) return h('td', { class: 'num missing', 'data-csv': '' }, '–');
  const interval = m.low === null || m.low === undefined ? '' : `[${fixed(m.low)}–${fixed(m.high)}]`;
  return h('td', { class: 'num', 'data-csv': `${fixed(m.value)}${interval ? ` ${interval}` : ''}` }, fixed(m.value), h('br'), h('span', { class: 'ci' }, interval));
}

/**
 * Two runs' leaderboards next to each other, one line per configuration: those both runs hold first
 * (in run a's order), then those of a only, then of b only; event F1 and frame AUROC of each, and
 * the difference of event F1 (b − a) where both have one.
 */
export function sideBySide(a: LabRun, b: LabRun, defaults: DetectorDefaults): HTMLElement {
  const inB = new Map(b.rows.map((r) => [r.configuration, r]));
  const inA = new Set(a.rows.map((r) => r.configuration));
  const lines: [LabRow, LabRow | undefined, LabRow | undefined][] = [
    ...a.rows.filter((r) => inB.has(r.configuration)).map((r) => [r, r, inB.get(r.configuration)] as [LabRow, LabRow, LabRow]),
    ...a.rows.filter((r) => !inB.has(r.configuration)).map((r) => [r, r, undefined] as [LabRow, LabRow, undefined]),
    ...b.rows.filter((r) => !inA.has(r.configuration)).map((r) => [r, undefined, r] as [LabRow, undefined, LabRow]),
  ];
  const name = (run: LabRun) => `run ${run.id}`;
  return h(
    'table',
    { 'aria-label': 'Runs side by side', 'data-export-name': `runs-${a.id}-and-${b.id}` },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'configuration'), h('th', { class: 'num', scope: 'col' }, `${name(a)} event F1`), h('th', { class: 'num', scope: 'col' }, `${name(a)} frame AUROC`), h('th', { class: 'num', scope: 'col' }, `${name(b)} event F1`), h('th', { class: 'num', scope: 'col' }, `${name(b)} frame AUROC`), h('th', { class: 'num', scope: 'col' }, `event F1 ${name(b)} − ${name(a)}`)),
    ),
    h(
      'tbody',
      {},
      lines.map(([row, ra, rb]) => {
        const d = ra?.event.f1.value != null && rb?.event.f1.value != null ? rb.event.f1.value - ra.event.f1.value : null;
        return h(
          'tr',
          { 'data-shared': ra && rb ? 'true' : 'false' },
          configurationCell(row, defaults),
          metric(ra?.event.f1),
          metric(ra?.frame.auroc),
          metric(rb?.event.f1),
          metric(rb?.frame.auroc),
          h('td', { class: 'num' }, d === null ? '–' : `${d > 0 ? '+' : ''}${fixed(d)}`),
        );
      }),
    ),
  );
}
