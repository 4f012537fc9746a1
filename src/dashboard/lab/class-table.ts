import { h } from '../dom';
import { fixed } from '../format';
import { configurationLabel } from './configuration-label';
import type { DetectorDefaults, LabRun } from './lab-run';

/**
 * The per-class table of a run, as `tokenscope runs --show` prints it: per configuration and class,
 * the reference events, the class-aware event F1, precision, recall, error rate and segment F1
 * where the configuration's detections name classes ('–' otherwise), then event recall and frame
 * AUROC of the class with class-agnostic detections.
 */
export function classTable(run: LabRun, defaults: DetectorDefaults): HTMLElement {
  const head = ['configuration', 'class', 'events', 'event F1', 'P', 'R', 'ER', 'segment F1', 'recall (any class)', 'frame AUROC'];
  const rows = run.rows.flatMap((r) => {
    const label = configurationLabel(r, defaults.get(r.detector));
    return r.classes.map((c, i) => {
      const aware = r.classAware?.classWise.find((w) => w.label === c.label);
      return h(
        'tr',
        { class: i === 0 ? 'group-start' : '' },
        // Repeated in every row so that the CSV and a screen reader's row reading stay whole.
        h('td', { 'data-csv': label }, i === 0 ? label : h('span', { class: 'repeat' }, label)),
        h('td', {}, c.label),
        h('td', { class: 'num' }, c.events),
        [aware?.event.f1, aware?.event.precision, aware?.event.recall, aware?.event.errorRate, aware?.segment.f1, c.eventRecall, c.frameAuroc].map((m) => h('td', { class: 'num' }, fixed(m?.value))),
      );
    });
  });
  return h(
    'table',
    { 'aria-label': 'Per-class scores', 'data-export-name': 'per-class-scores' },
    h('thead', {}, h('tr', {}, head.map((t, i) => h('th', { class: i >= 2 ? 'num' : '', scope: 'col' }, t)))),
    h('tbody', {}, rows),
  );
}
