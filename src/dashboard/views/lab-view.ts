import { request } from '../api';
import { draw, PALETTE } from '../charts';
import { fill, h, loading, showError } from '../dom';
import { baseName, fixed } from '../format';
import { DashCorpusAudiosDocument, DashDeleteEvaluationRunDocument, DashEvaluationRunDocument, DashEvaluationRunsDocument, DashLabSetupDocument } from '../generated/graphql';
import type { DashEvaluationRunsQuery } from '../generated/graphql';
import { replaceParams } from '../address';
import { classTable } from '../lab/class-table';
import { comparisonForm } from '../lab/comparison-form';
import type { ComparisonForm } from '../lab/comparison-form';
import { configurationLabel } from '../lab/configuration-label';
import { confirmDelete } from '../lab/delete-run';
import { configurationCell } from '../lab/lab-run';
import type { DetectorDefaults, LabRow, LabRun } from '../lab/lab-run';
import { sideBySide } from '../lab/side-by-side';
import { href } from '../route';
import type { Route } from '../route';
import { slug } from '../export/file-name';

interface Metric {
  value?: number | null;
  low?: number | null;
  high?: number | null;
}

const COLUMNS: { key: string; title: string; metric: (r: LabRow) => Metric }[] = [
  { key: 'f1', title: 'event F1', metric: (r) => r.event.f1 },
  { key: 'precision', title: 'precision', metric: (r) => r.event.precision },
  { key: 'recall', title: 'recall', metric: (r) => r.event.recall },
  { key: 'auroc', title: 'frame AUROC', metric: (r) => r.frame.auroc },
  { key: 'auprc', title: 'frame AUPRC', metric: (r) => r.frame.auprc },
];

type RunListing = DashEvaluationRunsQuery['evaluationRuns'][number];

function runName(r: { id: string; name?: string | null }): string {
  return `run ${r.id}${r.name ? ` “${r.name}”` : ''}`;
}

/**
 * The detector lab: a run's leaderboard (sortable, with 95 % intervals, readable configuration
 * labels, each row linked to its detections on an audio), its per-class table, another run side by
 * side, deleting a run, and starting a new comparison with its progress.
 */
export function renderLabView(root: HTMLElement, route: Route): () => void {
  let alive = true;
  const controls = h('div', { class: 'controls' }, loading());
  const summary = h('p', { class: 'muted' });
  const canvas = h('canvas', { 'data-chart': 'leaderboard' });
  const board = h('div');
  const classes = h('div');
  const pair = h('div');
  const formSlot = h('div');
  fill(
    root,
    h('h1', {}, 'Detector lab'),
    controls,
    summary,
    board,
    pair,
    h('section', { class: 'card' }, h('h2', {}, 'Per class'), h('p', { class: 'muted' }, 'Class-aware scores for detectors that name classes (– otherwise); recall and frame AUROC of each class for every detector.'), classes),
    h('section', { class: 'card' }, h('h2', {}, 'Event F1 with its 95 % bootstrap interval'), h('div', { class: 'chart tall' }, canvas)),
    h('section', { class: 'card' }, h('h2', {}, 'Start a comparison'), formSlot),
  );
  let sortKey = route.params.get('sort') ?? 'f1';
  let descending = route.params.get('order') !== 'asc';
  let run: LabRun | null = null;
  let defaults: DetectorDefaults = new Map();
  let audioSelect: HTMLSelectElement | null = null;
  let form: ComparisonForm | null = null;

  function sorted(): LabRow[] {
    const rows = run?.rows ?? [];
    const col = COLUMNS.find((c) => c.key === sortKey);
    const value = (r: LabRow) => (col ? (col.metric(r).value ?? -Infinity) : 0);
    const label = (r: LabRow) => configurationLabel(r, defaults.get(r.detector));
    const out = sortKey === 'configuration' ? [...rows].sort((a, b) => label(a).localeCompare(label(b))) : [...rows].sort((a, b) => value(a) - value(b));
    return descending ? out.reverse() : out;
  }

  function metricCell(m: Metric): HTMLElement {
    const interval = m.low === null || m.low === undefined ? '' : `[${fixed(m.low)}–${fixed(m.high)}]`;
    return h('td', { class: 'num', 'data-csv': `${fixed(m.value)}${interval ? ` ${interval}` : ''}` }, fixed(m.value), h('br'), h('span', { class: 'ci' }, interval));
  }

  function detectionsLink(r: LabRow): HTMLElement {
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
        { class: numeric ? 'num' : '', 'aria-sort': sortKey === key ? (descending ? 'descending' : 'ascending') : 'none', 'data-csv': title },
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
    const labels = list.map((r) => configurationLabel(r, defaults.get(r.detector)));
    fill(
      board,
      h(
        'table',
        { 'aria-label': 'Leaderboard', 'data-export-name': 'leaderboard' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), header('configuration', 'configuration', false), COLUMNS.map((c) => header(c.key, c.title, true)), h('th', { 'data-no-export': true }, h('span', { class: 'visually-hidden' }, 'links')))),
        h('tbody', {}, list.map((r, i) => h('tr', {}, h('td', { class: 'num' }, i + 1), configurationCell(r, defaults, r.crossValidated ? h('span', { class: 'ci' }, ' (cross-validated)') : ''), COLUMNS.map((c) => metricCell(c.metric(r))), h('td', {}, detectionsLink(r))))),
      ),
    );
    draw(
      canvas,
      {
        type: 'bar',
        data: {
          labels,
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

  /** The second run of the side-by-side view, when one is chosen. */
  async function showPair(vs: string | null): Promise<void> {
    replaceParams({ vs });
    if (!vs || !run || vs === run.id) {
      fill(pair);
      return;
    }
    fill(pair, loading());
    try {
      const { evaluationRun: other } = await request(DashEvaluationRunDocument, { id: vs });
      if (!alive || !run) return;
      fill(pair, h('section', { class: 'card' }, h('h2', {}, `${runName(run)} and ${runName(other)} side by side`), h('p', { class: 'muted' }, `Aligned by configuration: those both runs hold first. ${other.corpus.name} (${other.audioCount} audios, ${other.folds} folds, ${other.bootstrap} resamples) on the right.`), sideBySide(run, other, defaults)));
    } catch (err) {
      if (alive) showError(pair, err, `load evaluation run ${vs}`);
    }
  }

  async function showRun(id: string, vs: string | null): Promise<void> {
    replaceParams({ run: id });
    root.dataset['ready'] = 'false';
    fill(board, loading());
    try {
      const { evaluationRun } = await request(DashEvaluationRunDocument, { id });
      if (!alive) return;
      run = evaluationRun;
      root.dataset['exportSubject'] = slug(`run-${run.id}-${run.name ?? run.corpus.name}`);
      const { audios } = await request(DashCorpusAudiosDocument, { corpus: run.corpus.name, first: 200, after: null });
      if (!alive) return;
      audioSelect = h('select', { 'aria-label': 'audio for the detections links' }, audios.nodes.map((a) => h('option', { value: a.id }, `${a.id}: ${baseName(a.source.path)}`)));
      fill(
        summary,
        `Run ${run.id}${run.name ? ` “${run.name}”` : ''} on ${run.corpus.name} (${run.model}): ${run.audioCount} audios, ${run.eventCount} labelled events, classes ${run.classes.join(', ') || '–'}; ${run.folds} folds, ${run.bootstrap} bootstrap resamples over files. `,
        h('label', {}, 'Detections on audio ', audioSelect),
      );
      drawBoard();
      fill(classes, classTable(run, defaults));
      // The form starts from the shown run's corpus and configurations, as given.
      form?.prefill(run.corpus.name, run.detectors);
      await showPair(vs);
    } catch (err) {
      if (alive) showError(board, err, `load evaluation run ${id}`);
    }
    if (alive) root.dataset['ready'] = 'true';
  }

  async function remove(listing: RunListing): Promise<void> {
    if (!(await confirmDelete(runName(listing)))) return;
    try {
      await request(DashDeleteEvaluationRunDocument, { id: listing.id });
      replaceParams({ run: null, vs: null });
      await load(null, null);
    } catch (err) {
      if (alive) showError(summary, err, `delete ${runName(listing)}`);
    }
  }

  async function load(wanted: string | null, vs: string | null): Promise<void> {
    root.dataset['ready'] = 'false';
    try {
      const [{ evaluationRuns }, setup] = await Promise.all([request(DashEvaluationRunsDocument, {}), request(DashLabSetupDocument, {})]);
      if (!alive) return;
      defaults = new Map(setup.detectors.map((d) => [d.name, Object.fromEntries(d.parameters.map((p) => [p.name, p.defaultValue]))]));
      const chosen = evaluationRuns.find((r) => r.id === wanted) ?? evaluationRuns[0];
      form = comparisonForm({
        corpora: setup.corpora,
        alive: () => alive,
        done: (runId) => {
          replaceParams({ run: runId, vs: null });
          void load(runId, null);
        },
      });
      fill(formSlot, form.form);
      if (!chosen) {
        run = null;
        fill(controls, h('p', {}, 'No evaluation runs yet: start a comparison below, or compare detectors on a labelled corpus with `tokenscope compare`.'));
        fill(summary);
        fill(board);
        fill(classes);
        fill(pair);
        root.dataset['ready'] = 'true';
        return;
      }
      const label = (r: RunListing) => `${r.id}: ${r.name ?? r.corpus.name} · ${r.model} · ${r.audioCount} audios · ${r.createdAt.slice(0, 16).replace('T', ' ')}`;
      const select = h('select', { 'aria-label': 'evaluation run', onchange: () => void showRun(select.value, other.value || null) }, evaluationRuns.map((r) => h('option', { value: r.id, selected: r.id === chosen.id }, label(r))));
      const other = h('select', { 'aria-label': 'run to show side by side', onchange: () => void showPair(other.value || null) }, h('option', { value: '' }, 'none'), evaluationRuns.map((r) => h('option', { value: r.id, selected: r.id === vs }, label(r))));
      const deleteButton = h('button', { type: 'button', class: 'danger', onclick: () => void remove(evaluationRuns.find((r) => r.id === select.value)!) }, 'Delete run…');
      fill(controls, h('label', {}, 'Evaluation run', select), h('label', {}, 'Side by side with', other), deleteButton);
      await showRun(chosen.id, vs);
    } catch (err) {
      if (!alive) return;
      showError(controls, err, 'list the evaluation runs');
      fill(board);
      root.dataset['ready'] = 'error';
    }
  }

  void load(route.params.get('run'), route.params.get('vs'));
  return () => {
    alive = false;
  };
}
