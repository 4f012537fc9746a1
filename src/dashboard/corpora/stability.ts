import { request } from '../api';
import { layerLineChart } from '../charts';
import { fill, h, showError } from '../dom';
import { DashCorpusStabilityDocument } from '../generated/graphql';

/** The command that stores a corpus's first stability runs, for the empty state. */
function firstRunCommand(corpus: string): string {
  return `tokenscope stability --corpus ${/^[\w.-]+$/.test(corpus) ? corpus : JSON.stringify(corpus)} --perturb noise:snr=20 --perturb gain:db=-6 --perturb roundtrip:layers=1-16`;
}

/**
 * Token stability by layer: for each ticked corpus, agreement (% of frames keeping their token) per
 * layer, one line per stored perturbation run (and model, when the corpus holds several); a corpus
 * without runs says which command stores them.
 */
export function stabilitySection(): { el: HTMLElement; draw(names: string[]): Promise<void> } {
  const cards = h('div', { class: 'grid3' });
  const error = h('div');
  const el = h(
    'section',
    { 'aria-label': 'Token stability' },
    h('h2', {}, 'Token stability'),
    h('p', { class: 'muted' }, 'How many frames keep their token on each layer when the audio is perturbed (noise, gain, shift, resampling) or decoded and re-encoded, from the stored stability runs.'),
    error,
    cards,
  );

  async function drawAll(names: string[]): Promise<void> {
    fill(error);
    fill(cards);
    try {
      const answers = await Promise.all(names.map((corpus) => request(DashCorpusStabilityDocument, { corpus })));
      for (const { corpus } of answers) {
        if (!corpus.stability.length) {
          cards.append(h('section', { class: 'card', 'data-stability-empty': corpus.name }, h('h3', {}, corpus.name), h('p', { class: 'muted' }, 'No stability runs yet. Store some with ', h('code', {}, firstRunCommand(corpus.name)), '.')));
          continue;
        }
        const models = new Set(corpus.stability.map((r) => r.model));
        const canvas = h('canvas', { 'data-chart': `stability-${corpus.name}` });
        cards.append(h('section', { class: 'card' }, h('h3', {}, `${corpus.name}: agreement by layer`), h('div', { class: 'chart' }, canvas)));
        layerLineChart(
          canvas,
          `Token agreement by layer in ${corpus.name}`,
          corpus.stability.map((r) => ({
            name: `${r.perturbation}${models.size > 1 ? ` (${r.model})` : ''} · ${r.audios} audios`,
            values: r.layers.map((l) => (l.agreement === null ? null : 100 * l.agreement)),
          })),
          'frames keeping their token, %',
          100,
        );
      }
    } catch (err) {
      showError(error, err, 'load the stability runs');
    }
  }
  return { el, draw: drawAll };
}
