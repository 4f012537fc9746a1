import { ApiError, request } from '../api';
import { errorBox, fill, h } from '../dom';
import { DashComparisonJobDocument, DashStartComparisonDocument } from '../generated/graphql';
import type { DashComparisonJobPartsFragment } from '../generated/graphql';

/** How often a running comparison is asked for its progress, milliseconds. */
const POLL_MS = 300;

/** What the form offers and whom it tells. */
export interface ComparisonFormOptions {
  corpora: { name: string; audioCount: number }[];
  /** Called with the new run's id once the comparison is stored. */
  done: (runId: string) => void;
  /** False once the view is gone: polling stops. */
  alive: () => boolean;
}

function progressText(job: DashComparisonJobPartsFragment): string {
  switch (job.phase) {
    case 'QUEUED':
      return 'Waiting for the comparisons before it…';
    case 'RUNNING':
      if (job.step === 'SCORING') return `Scoring configuration ${Math.min(job.configurationsDone + 1, job.configurationsTotal)} of ${job.configurationsTotal} (audio ${job.audiosDone} of ${job.audiosTotal})…`;
      return job.step === 'STORING' ? 'Storing the run…' : 'Reading the audios and labels…';
    case 'SUCCEEDED':
      return `Done: ${job.configurationsTotal} configurations on ${job.audiosTotal} audios.`;
    case 'FAILED':
      return 'Failed.';
  }
}

/** The form, and a way to fill it from a run until the user starts a comparison. */
export interface ComparisonForm {
  form: HTMLElement;
  /** Sets the corpus and the configurations (as a run was given them), unless a comparison was started here. */
  prefill(corpus: string, detectors: readonly unknown[]): void;
}

/**
 * A form that starts a comparison in the background (startComparison) and shows its progress until
 * it is stored, then hands over the run; a failure shows its coded message.
 */
export function comparisonForm(options: ComparisonFormOptions): ComparisonForm {
  const corpus = h('select', { name: 'corpus' }, options.corpora.map((c) => h('option', { value: c.name }, `${c.name} (${c.audioCount} audios)`)));
  const detectors = h('textarea', { name: 'detectors', rows: 5, cols: 70, spellcheck: 'false' });
  detectors.value = JSON.stringify([{ name: 'keyLayerVariance' }, { name: 'interLayerSpread' }], null, 1);
  let used = false;
  const folds = h('input', { name: 'folds', type: 'number', min: 2, max: 20, value: 5 });
  const bootstrap = h('input', { name: 'bootstrap', type: 'number', min: 1, max: 2000, value: 200 });
  const name = h('input', { name: 'name', type: 'text', placeholder: 'optional' });
  const start = h('button', { type: 'submit', class: 'primary' }, 'Start comparison');
  const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Comparison progress' });
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  const outcome = h('div');
  const progress = h('div', { class: 'comparison-progress', hidden: true }, bar, status);

  const show = (job: DashComparisonJobPartsFragment) => {
    bar.value = job.fraction;
    status.textContent = progressText(job);
    progress.dataset['phase'] = job.phase;
  };

  async function follow(id: string): Promise<void> {
    for (;;) {
      if (!options.alive()) return;
      const { comparisonJob: job } = await request(DashComparisonJobDocument, { id });
      show(job);
      if (job.phase === 'SUCCEEDED') return options.done(job.runId!);
      if (job.phase === 'FAILED') throw new ApiError(job.errorCode ?? 'INTERNAL', job.error ?? 'the comparison failed');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  const form = h(
    'form',
    {
      class: 'comparison-form',
      'aria-label': 'Start a comparison',
      onsubmit: (e: Event) => {
        e.preventDefault();
        fill(outcome);
        let configurations: unknown;
        try {
          configurations = JSON.parse(detectors.value);
          if (!Array.isArray(configurations)) throw new Error(`expected a JSON array of configurations such as [{"name":"keyLayerVariance"}]; received ${detectors.value.trim().slice(0, 40)}`);
        } catch (err) {
          fill(outcome, errorBox(new ApiError('INVALID_ARGUMENT', `detectors: ${(err as Error).message}`), 'start the comparison'));
          return;
        }
        used = true;
        start.disabled = true;
        progress.hidden = false;
        bar.value = 0;
        status.textContent = 'Starting…';
        void request(DashStartComparisonDocument, { corpus: corpus.value, detectors: configurations as never, folds: Number(folds.value), bootstrap: Number(bootstrap.value), name: name.value.trim() || null })
          .then(({ startComparison: job }) => {
            show(job);
            return follow(job.id);
          })
          .catch((err: unknown) => {
            if (!options.alive()) return;
            progress.dataset['phase'] = 'FAILED';
            fill(outcome, errorBox(err, 'run the comparison'));
          })
          .finally(() => {
            start.disabled = false;
          });
      },
    },
    h(
      'div',
      { class: 'controls' },
      h('label', {}, 'Corpus', corpus),
      h('label', {}, 'Folds', folds),
      h('label', {}, 'Bootstrap resamples', bootstrap),
      h('label', {}, 'Name', name),
    ),
    h('label', { class: 'block' }, 'Configurations (JSON, as compareDetectors takes them)', detectors),
    h('div', { class: 'nav-row' }, start, progress),
    outcome,
  );
  return {
    form,
    prefill: (name, configurations) => {
      if (used) return;
      corpus.value = name;
      if (configurations.length) detectors.value = JSON.stringify(configurations, null, 1);
    },
  };
}
