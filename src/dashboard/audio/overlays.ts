import { request } from '../api';
import { fill, h } from '../dom';
import { DashDetectDocument, DashScoreWindowDocument } from '../generated/graphql';
import type { DashAudioQuery } from '../generated/graphql';
import type { DetectorSpec } from './detector-form';
import { blockSpan, ScoreCache } from './score-cache';

/** Detectors drawn over the first one, at most. */
export const MAX_OVERLAYS = 2;
/** Their curves' colours, one per overlay, apart from the first curve's near-black and the threshold's red. */
export const OVERLAY_COLOURS = ['#1b9e77', '#7b3fbf'] as const;

/** An overlaid detector: its threshold and lowest score (to scale its curve), and its scores a block at a time. */
export interface Overlay {
  spec: DetectorSpec;
  colour: string;
  threshold: number;
  /** Its lowest finite score over the whole audio. */
  low: number;
  scores: ScoreCache;
}

/** Runs `spec` on the audio and returns it as an overlay (one detect request; windows follow block by block). */
export async function loadOverlay(audioId: string, spec: DetectorSpec, colour: string, start: number, frames: number, frameCount: number): Promise<Overlay> {
  const span = blockSpan(start, frames);
  const { detect } = await request(DashDetectDocument, { audioId, detector: spec, buckets: 64, ...span });
  const scores = new ScoreCache((startFrame, frameCount) => request(DashScoreWindowDocument, { audioId, detector: spec, startFrame, frameCount }).then((r) => r.detect.scores));
  scores.seed(span.startFrame, detect.scores, frameCount);
  const finite = detect.scoreEnvelope.min.filter(Number.isFinite);
  return { spec, colour, threshold: detect.threshold, low: finite.length ? Math.min(...finite) : 0, scores };
}

/**
 * An overlay's scores on the first detector's axis: an affine map sending its lowest score to the
 * first's lowest and its threshold to the first's threshold, so every curve crosses the one dashed
 * threshold line where it crosses its own threshold. A degenerate overlay (threshold = lowest) is
 * only shifted.
 */
export function scaleToPrimary(scores: number[], overlay: Overlay, primary: { threshold: number; low: number }): number[] {
  const span = overlay.threshold - overlay.low;
  const target = primary.threshold - primary.low;
  const k = span > 0 && target > 0 ? target / span : 1;
  return scores.map((s) => (Number.isFinite(s) ? primary.low + (s - overlay.low) * k : s));
}

type DetectorInfo = DashAudioQuery['detectors'][number];

/**
 * The overlay chooser: up to MAX_OVERLAYS rows of a detector and its parameters (JSON), an add
 * button and a draw button. `onDraw` receives the specs; a bad JSON field throws, naming the row.
 */
export class OverlayForm {
  readonly element: HTMLFormElement;
  private readonly rows = h('div', { class: 'overlay-rows' });
  private readonly add: HTMLButtonElement;

  constructor(private readonly detectors: DetectorInfo[], initial: DetectorSpec[], onDraw: (specs: DetectorSpec[]) => void, onError: (err: unknown) => void) {
    this.add = h('button', { type: 'button', onclick: () => this.addRow({ name: detectors[0]?.name ?? '', params: {} }) }, '+ overlay a detector');
    this.element = h('form', { class: 'controls', 'aria-label': 'Overlaid detectors' }, this.rows, this.add, h('button', { type: 'submit' }, 'Draw overlays'));
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      try {
        onDraw(this.specs());
      } catch (err) {
        onError(err);
      }
    });
    for (const spec of initial.slice(0, MAX_OVERLAYS)) this.addRow(spec);
    this.update();
  }

  private addRow(spec: DetectorSpec): void {
    const n = this.rows.children.length;
    if (n >= MAX_OVERLAYS) return;
    const chip = h('span', { class: 'legend-chip', style: `background:${OVERLAY_COLOURS[n]}` });
    const select = h('select', { name: 'overlay', 'aria-label': `overlay detector ${n + 2}` }, this.detectors.map((d) => h('option', { value: d.name, selected: d.name === spec.name, title: d.description }, d.name)));
    const params = h('input', { name: 'overlay-params', class: 'wide', placeholder: '{} (defaults)', value: Object.keys(spec.params).length ? JSON.stringify(spec.params) : '', 'aria-label': `overlay detector ${n + 2} parameters (JSON)` });
    const row = h('div', { class: 'overlay-row' }, h('label', {}, h('span', {}, chip, h('span', { class: 'overlay-name' }, `Detector ${n + 2}`)), select), h('label', {}, 'Parameters (JSON)', params), h('button', { type: 'button', 'aria-label': `remove overlay detector ${n + 2}`, onclick: () => (row.remove(), this.update()) }, '✕'));
    fill(this.rows, ...Array.from(this.rows.children) as HTMLElement[], row);
    this.update();
  }

  private update(): void {
    this.add.disabled = this.rows.children.length >= MAX_OVERLAYS;
    // Row i draws in OVERLAY_COLOURS[i]: after a removal the chips and names follow.
    Array.from(this.rows.children).forEach((row, i) => {
      (row.querySelector('.legend-chip') as HTMLElement).style.background = OVERLAY_COLOURS[i]!;
      row.querySelector('.overlay-name')!.textContent = `Detector ${i + 2}`;
    });
  }

  /** The overlay detectors chosen now. */
  specs(): DetectorSpec[] {
    return Array.from(this.rows.querySelectorAll('.overlay-row')).map((row, i) => {
      const name = row.querySelector('select')!.value;
      const raw = row.querySelector('input')!.value.trim();
      let params: unknown = {};
      try {
        params = raw ? (JSON.parse(raw) as unknown) : {};
      } catch (err) {
        throw new Error(`the parameters of overlay detector ${i + 2} are not valid JSON: ${(err as Error).message}`);
      }
      if (!params || typeof params !== 'object' || Array.isArray(params)) throw new Error(`the parameters of overlay detector ${i + 2} must be a JSON object; received ${raw}`);
      return { name, params: params as Record<string, unknown> };
    });
  }
}
