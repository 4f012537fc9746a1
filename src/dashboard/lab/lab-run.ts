import type { DashEvaluationRunQuery } from '../generated/graphql';
import { configurationJson, configurationLabel } from './configuration-label';
import { h } from '../dom';

/** A stored run as the Lab reads it. */
export type LabRun = DashEvaluationRunQuery['evaluationRun'];
/** One leaderboard row. */
export type LabRow = LabRun['rows'][number];

/** Each detector's parameter defaults by name, for readable labels. */
export type DetectorDefaults = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/**
 * A configuration's cell: its readable label, the stored label and the resolved options as JSON in a
 * tooltip and in a details disclosure (keyboard reachable). Exported to CSV as the readable label.
 */
export function configurationCell(row: LabRow, defaults: DetectorDefaults, extra: Node | string = ''): HTMLTableCellElement {
  const label = configurationLabel(row, defaults.get(row.detector));
  const json = configurationJson(row);
  return h(
    'td',
    { class: 'configuration', 'data-csv': label },
    h('span', { class: 'config-label', title: `${row.configuration}\n${json}` }, label),
    extra,
    h('details', { class: 'config-json' }, h('summary', {}, 'JSON'), h('pre', {}, json)),
  );
}
