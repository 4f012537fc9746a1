import { request } from '../api';
import { draw, PALETTE } from '../charts';
import { fill, h, loading, showError } from '../dom';
import { baseName, fixed } from '../format';
import { DashCorpusAudiosDocument, DashEvaluationRunDocument, DashEvaluationRunsDocument } from '../generated/graphql';
import type { DashEvaluationRunQuery } from '../generated/graphql';
import { replaceParams } from '../address';
import { href } from '../route';
import type { Route } from '../route';

type Row = DashEvaluationRunQuery['evaluationRun']['rows'][number];
interface Metric {
  value?: number | null;
  low?: number | null;
  high?: number | null;
}

const COLUMNS: { key: string; title: string; metric: (r: Row) => Metric }[] = [
  { key: 'f1', title: 'event F1', metric: (r) => r.event.f1 },
  { key: 'precision', title: 'precision', metric: (r) => r.event.precision },
  { key: 'recall', title: 'recall', metric: (r) => r.event.recall },
  { key: 'auroc', title: 'frame AUROC', metric: (r) => r.frame.auroc },
  { key: 'auprc', title: 'frame AUPRC', metric: (r) => r.frame.auprc },
];

/** The leaderboard of a detector-lab evaluation run: sortable, with 95 % intervals, each row linked to its detections on an audio. */
export function renderLabView(root: HTMLElement, route: Route): () => void {
  let alive = true;
  const controls = h('div', { class: 'controls' }, loading());
  const summary = h('p', { class: 'muted' });
  const canvas = h('canvas', { 'data-chart': 'leaderboard' });
  const board = h('div');
  fill(root, h('h1', {}, 'Detector lab'), controls, summary, board, h('section', { class: 'card' }, h('h2', {}, 'Event F1 with its 95 % bootstrap interval'), h('div', { class: 'chart tall' }, canvas)));
  let sortKey = route.params.get('sort') ?? 'f1';
  let descending = route.params.get('order') !== 'asc';
  let rows: Row[] = [];
  let audioSelect: HTMLSelectElement | null = null;

  function sorted(): Row[] {
    const col = COLUMNS.find((c) => c.key === sortKey);
    const value = (r: Row) => (col ? (col.metric(r).value ?? -Infinity) : 0);
    const out = sortKey === 'configuration' ? [...rows].sort((a, b) => a.configuration.localeCompare(b.configuration)) : [...rows].sort((a, b) => value(a) - value(b));
    return descending ? out.reverse() : out;
  }

  function metricCell(m: Metric): HTMLElement {
    return h('td', { class: 'num' }, fixed(m.value), h('br'), h('span', { class: 'ci' }, m.low === null || m.low === undefined ? '' : `[${fixed(m.low)}–${fixed(m.high)}]`));
  }

  function detectionsLink(r: Row): HTMLElement {
    // The guide's detectors take `percentile` as a shorthand for the threshold rule and refuse both at once.
    const { percentile, ...own } = r.parameters;
    const shorthand = percentile !== undefined && r.thresholdRule['rule'] === 'percentile' && r.thresholdRule['percentile'] === percentile;
    const params = shorthand ? { ...r.parameters, segmenter: r.segmenter } : { ...own, threshold: r.thresholdRule, segmenter: r.segmenter };
    const a = h('a', { href: '#', title: r.crossValidated ? 'detect fits this configuration on the corpus’s other labelled audios, never on the one it scores, as the cross-validation did' : 'run this configuration on the chosen audio' }, 'detections');
    a.addEventListener('click', (e) => {
      e.preventDefault();
      if (!audioSelect?.value) return;
      location.hash = href('audio', audioSelect.value, { detector: r.detector, params: JSON.stringify(params) });
    });
    return a;
  }

  function drawBoard(): void {
    replaceParams({ sort: sortKey, order: descending ? null : 'asc' });
    const header = (key: string, title: string, numeric: boolean) =>
      h(
        'th',
        { class: numeric ? 'num' : '', 'aria-sort': sortKey === key ? (descending ? 'descending' : 'ascending') : 'none' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              descending = sortKey === key ? !descending : key !== 'configuration';
              sortKey = key;
              drawBoard();
            },
          },
          `${title}${sortKey === key ? (descending ? ' ▼' : ' ▲') : ''}`,
        ),
      );
    const list = sorted();
    fill(
      board,
      h(
        'table',
        { 'aria-label': 'Leaderboard' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), header('configuration', 'configuration', false), COLUMNS.map((c) => header(c.key, c.title, true)), h('th', {}, ''))),
        h('tbody', {}, list.map((r, i) => h('tr', {}, h('td', { class: 'num' }, i + 1), h('td', {}, r.configuration, r.crossValidated ? h('span', { class: 'ci' }, ' (cross-validated)') : ''), COLUMNS.map((c) => metricCell(c.metric(r))), h('td', {}, detectionsLink(r))))),
      ),
    );
    draw(
      canvas,
      {
        type: 'bar',
        data: {
          labels: list.map((r) => r.configuration),
          datasets: [
            { label: 'event F1', data: list.map((r) => r.event.f1.value ?? 0), backgroundColor: PALETTE[0]!, grouped: false, barPercentage: 0.8, order: 1 },
            // Drawn over the F1 bar, thin, as an error bar.
            { label: '95 % interval', data: list.map((r) => [r.event.f1.low ?? 0, r.event.f1.high ?? 0] as [number, number]) as never, backgroundColor: 'rgba(224, 123, 0, 0.85)', grouped: false, barPercentage: 0.22, minBarLength: 2, order: 0 },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { min: 0, max: 1, title: { display: true, text: 'event F1' } }, y: { ticks: { autoSkip: false, font: { size: 10 } } } } },
      },
      `Event F1 of ${list.length} configurations with their intervals`,
    );
  }

  async function showRun(id: string): Promise<void> {
    replaceParams({ run: id });
    root.dataset['ready'] = 'false';
    fill(board, loading());
    try {
      const { evaluationRun: run } = await request(DashEvaluationRunDocument, { id });
      if (!alive) return;
      rows = run.rows;
      const { audios } = await request(DashCorpusAudiosDocument, { corpus: run.corpus.name, first: 200, after: null });
      if (!alive) return;
      audioSelect = h('select', { 'aria-label': 'audio for the detections links' }, audios.nodes.map((a) => h('option', { value: a.id }, `${a.id}: ${baseName(a.source.path)}`)));
      fill(
        summary,
        `Run ${run.id}${run.name ? ` “${run.name}”` : ''} on ${run.corpus.name} (${run.model}): ${run.audioCount} audios, ${run.eventCount} labelled events, classes ${run.classes.join(', ') || '–'}; ${run.folds} folds, ${run.bootstrap} bootstrap resamples over files. `,
        h('label', {}, 'Detections on audio ', audioSelect),
      );
      drawBoard();
    } catch (err) {
      if (alive) showError(board, err, `load evaluation run ${id}`);
    }
    if (alive) root.dataset['ready'] = 'true';
  }

  void (async () => {
    try {
      const { evaluationRuns } = await request(DashEvaluationRunsDocument, {});
      if (!alive) return;
      if (evaluationRuns.length === 0) {
        fill(controls, h('p', {}, 'No evaluation runs yet: compare detectors on a labelled corpus with `tokenscope compare` or the compareDetectors mutation.'));
        fill(board);
        root.dataset['ready'] = 'true';
        return;
      }
      const wanted = route.params.get('run');
      const select = h('select', { 'aria-label': 'evaluation run', onchange: () => void showRun(select.value) }, evaluationRuns.map((r) => h('option', { value: r.id, selected: r.id === wanted }, `${r.id}: ${r.name ?? r.corpus.name} · ${r.model} · ${r.audioCount} audios · ${r.createdAt.slice(0, 16).replace('T', ' ')}`)));
      fill(controls, h('label', {}, 'Evaluation run', select));
      await showRun(select.value);
    } catch (err) {
      if (!alive) return;
      showError(controls, err, 'list the evaluation runs');
      fill(board);
      root.dataset['ready'] = 'error';
    }
  })();
  return () => {
    alive = false;
  };
}
