import { h } from '../dom';

/** Layers in a code matrix: the layers control offers 1–1 … 1–16. */
const LAYERS = 16;

/** Which sound plays: the original file, or the codes decoded. */
export type AbSide = 'original' | 'reconstruction';

/** What an audio can play: the original's URL (null when it cannot be played) and its reconstruction's (null without a decoder). */
export interface AbSources {
  original: string | null;
  reconstruction: { url: string; summary: string; partialSums: boolean } | null;
}

/** The reconstruction of layers 1..k at `base` (the API's URL for all 16 layers). */
export function reconstructionUrl(base: string, k: number): string {
  return k >= LAYERS ? base : `${base}${base.includes('?') ? '&' : '?'}layers=1-${k}`;
}

/** The side to start on: the one asked for when it can play, else whichever can. */
export function startingSide(sources: AbSources, wanted: string | null): AbSide {
  if (wanted === 'reconstruction' && sources.reconstruction) return 'reconstruction';
  return sources.original ? 'original' : 'reconstruction';
}

/**
 * An A/B player: one audio element that plays either the original or the reconstruction of layers
 * 1..k, with a toggle and a layers control. Switching keeps the position (and keeps playing when it
 * was), so the same moment is heard both ways; the view's cursor follows the one element whatever
 * it plays. An audio without an original plays its reconstruction only; a decoder that cannot leave
 * layers out keeps the control at 1–16. The element's data-side and data-layers say what plays.
 */
export class AbPlayer {
  readonly element: HTMLElement;
  readonly media: HTMLAudioElement;
  private readonly toggle: HTMLButtonElement;
  private readonly layersSelect: HTMLSelectElement;

  constructor(
    private readonly sources: AbSources,
    private side: AbSide,
    private layers: number,
    private readonly onChange: (side: AbSide, layers: number) => void,
  ) {
    this.layers = sources.reconstruction?.partialSums ? Math.max(1, Math.min(LAYERS, Math.floor(layers) || LAYERS)) : LAYERS;
    this.media = h('audio', { controls: true, preload: 'metadata', src: this.url(), 'aria-label': this.label() });
    this.toggle = h('button', { type: 'button', class: 'ab-toggle', 'aria-pressed': String(side === 'reconstruction'), disabled: !sources.original || !sources.reconstruction, title: this.toggleTitle(), onclick: () => this.select(this.side === 'original' ? 'reconstruction' : 'original', this.layers) }, this.toggleText());
    this.layersSelect = h(
      'select',
      { 'aria-label': 'layers of the reconstruction', disabled: !sources.reconstruction?.partialSums, title: sources.reconstruction && !sources.reconstruction.partialSums ? 'this decoder decodes all 16 layers only' : 'the reconstruction from layers 1..k only' },
      Array.from({ length: LAYERS }, (_, i) => LAYERS - i).map((k) => h('option', { value: k, selected: k === this.layers }, `1–${k}`)),
    );
    this.layersSelect.addEventListener('change', () => this.select('reconstruction', Number(this.layersSelect.value)));
    const controls = sources.reconstruction
      ? h('div', { class: 'ab-controls' }, this.toggle, h('label', { class: 'muted' }, 'Layers ', this.layersSelect), h('span', { class: 'muted ab-decoder' }, `decoder: ${sources.reconstruction.summary}`))
      : null;
    this.element = h('div', { class: 'ab-player' }, this.media, controls);
    this.mark();
  }

  /** Plays `side` (with layers 1..`layers` for the reconstruction) from the position playing now. */
  select(side: AbSide, layers: number): void {
    if (side === 'original' && !this.sources.original) return;
    if (side === 'reconstruction' && !this.sources.reconstruction) return;
    const k = this.sources.reconstruction?.partialSums ? layers : LAYERS;
    if (side === this.side && k === this.layers) return;
    const m = this.media;
    const at = m.currentTime;
    const playing = !m.paused;
    this.side = side;
    this.layers = k;
    m.src = this.url();
    m.setAttribute('aria-label', this.label());
    // The new source starts at 0: once its length is known, go back to where the old one was.
    m.addEventListener(
      'loadedmetadata',
      () => {
        m.currentTime = Math.min(at, Number.isFinite(m.duration) ? m.duration : at);
        if (playing) void m.play().catch(() => undefined);
      },
      { once: true },
    );
    this.toggle.textContent = this.toggleText();
    this.toggle.setAttribute('aria-pressed', String(side === 'reconstruction'));
    this.layersSelect.value = String(k);
    this.mark();
    this.onChange(side, k);
  }

  private url(): string {
    return this.side === 'original' ? this.sources.original! : reconstructionUrl(this.sources.reconstruction!.url, this.layers);
  }

  private label(): string {
    return this.side === 'original' ? 'original audio' : `reconstruction from layers 1–${this.layers}`;
  }

  private toggleText(): string {
    return this.side === 'original' ? 'Playing: original ⇄ switch to reconstruction' : 'Playing: reconstruction ⇄ switch to original';
  }

  private toggleTitle(): string {
    if (!this.sources.original) return 'there is no original audio to play: only the reconstruction';
    if (!this.sources.reconstruction) return 'the model names no decoder: only the original';
    return 'switch between the original and the reconstruction at the same position';
  }

  private mark(): void {
    this.element.dataset['side'] = this.side;
    this.element.dataset['layers'] = String(this.layers);
  }
}
