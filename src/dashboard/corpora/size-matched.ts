import { request } from '../api';
import { draw, layerChart, PALETTE } from '../charts';
import { fill, h, showError } from '../dom';
import { DashRarefactionCurveDocument, DashRarefactionDocument } from '../generated/graphql';

/**
 * The size-matched comparison: entropy and utilisation by layer at the smallest corpus's size, and
 * distinct tokens (mean over layers) against frames, each the value expected on a random subsample.
 */
export function sizeMatchedSection(): { el: HTMLElement; draw(names: string[], frames: number[]): Promise<void> } {
  const note = h('p', { class: 'muted' });
  const entropy = h('canvas', { 'data-chart': 'matched-entropy' });
  const utilisation = h('canvas', { 'data-chart': 'matched-utilisation' });
  const curve = h('canvas', { 'data-chart': 'rarefaction-curve' });
  const error = h('div');
  const card = (title: string, canvas: HTMLCanvasElement) => h('section', { class: 'card' }, h('h3', {}, title), h('div', { class: 'chart' }, canvas));
  const el = h(
    'section',
    { 'aria-label': 'Size-matched comparison' },
    h('h2', {}, 'Size-matched comparison'),
    note,
    error,
    h('div', { class: 'grid3' }, card('Entropy at equal size', entropy), card('Codebook utilisation at equal size', utilisation), card('Distinct tokens against frames', curve)),
  );

  /** `frames`: each selected corpus's frames; the smallest non-empty one is the size they are matched at. */
  async function drawAll(names: string[], frames: number[]): Promise<void> {
    fill(error);
    const n = Math.min(...frames.filter((f) => f > 0));
    if (!Number.isFinite(n)) {
      fill(error, h('p', { class: 'muted' }, 'The selected corpora hold no frames.'));
      return;
    }
    try {
      // Entropy at the one matched size; the curve needs distinct tokens only, which are cheap at every size.
      const [r, c] = await Promise.all([request(DashRarefactionDocument, { corpora: names, frames: [n] }), request(DashRarefactionCurveDocument, { corpora: names })]);
      note.textContent = `Entropy, distinct tokens and utilisation grow with the frames counted, so a larger corpus scores higher even when drawn from the same source. Here each corpus is subsampled to ${n} frames (the smallest selected corpus): the values expected on a random ${n}-frame subsample (rarefaction, computed from the token counts, no sampling), and the curve of distinct tokens against subsample size.`;
      const at = r.rarefaction.corpora.map((k) => ({ name: k.corpus.name, layers: k.points.find((p) => p.frames === n)?.layers ?? [] }));
      layerChart(entropy, `Entropy at ${n} frames`, at.map((c) => ({ name: c.name, values: c.layers.map((l) => l.entropyBits) })), 'bits (max 11)');
      layerChart(utilisation, `Utilisation at ${n} frames`, at.map((c) => ({ name: c.name, values: c.layers.map((l) => l.utilisation) })), 'share of 2048 codes used');
      draw(
        curve,
        {
          type: 'line',
          data: {
            datasets: c.rarefaction.corpora.map((k, i) => ({
              label: k.corpus.name,
              data: k.points.map((p) => ({ x: p.frames, y: p.layers.reduce((a, l) => a + l.distinctTokens, 0) / Math.max(1, p.layers.length) })),
              borderColor: PALETTE[i % PALETTE.length]!,
              backgroundColor: PALETTE[i % PALETTE.length]!,
              pointRadius: 2,
            })),
          },
          options: {
            plugins: { legend: { display: names.length > 1 } },
            scales: { x: { type: 'logarithmic', title: { display: true, text: 'frames in the subsample' } }, y: { title: { display: true, text: 'distinct tokens (mean over layers)' }, beginAtZero: true } },
          },
        },
        `Distinct tokens against subsample size for ${names.join(', ')}`,
      );
    } catch (err) {
      showError(error, err, 'compare the corpora at equal size');
    }
  }
  return { el, draw: drawAll };
}
