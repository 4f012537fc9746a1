import { fill, h } from '../dom';
import { COLOUR_MODES, isColourMode } from './token-colouring';
import type { ColourMode } from './token-colouring';

/** The colour choice: what the heatmap shows, and the corpus commonness and surprisal count in. */
export interface ColourChoice {
  mode: ColourMode;
  reference: string;
}

/**
 * The heatmap's colour control: a select of the modes and one of the reference corpora (those
 * holding codes of the audio's model), with the legend of what is drawn below. Calls `onChange`
 * with the new choice.
 */
export class ColourControl {
  readonly element: HTMLElement;
  readonly legend = h('p', { class: 'muted colour-legend', 'data-legend': 'heatmap', 'aria-live': 'polite' });
  private readonly mode: HTMLSelectElement;
  private readonly reference: HTMLSelectElement;
  private readonly ramp = h('span', { class: 'colour-ramp', 'aria-hidden': 'true', hidden: true });

  constructor(initial: ColourChoice, references: readonly string[], onChange: (choice: ColourChoice) => void) {
    this.mode = h('select', { 'aria-label': 'colour the heatmap by' }, COLOUR_MODES.map((m) => h('option', { value: m.mode, selected: m.mode === initial.mode }, m.label)));
    const names = references.includes(initial.reference) ? references : [initial.reference, ...references];
    this.reference = h('select', { 'aria-label': 'reference corpus for commonness and surprisal' }, names.map((n) => h('option', { value: n, selected: n === initial.reference }, n)));
    const changed = () => {
      this.reference.disabled = !needsReference(this.choice().mode);
      onChange(this.choice());
    };
    this.mode.addEventListener('change', changed);
    this.reference.addEventListener('change', changed);
    this.reference.disabled = !needsReference(initial.mode);
    this.element = h('div', { class: 'nav-row colour-control' }, h('label', { class: 'muted' }, 'Colour by ', this.mode), h('label', { class: 'muted' }, 'Reference ', this.reference));
  }

  /** The choice shown now. */
  choice(): ColourChoice {
    const mode = this.mode.value;
    return { mode: isColourMode(mode) ? mode : 'id', reference: this.reference.value };
  }

  /** Says what the heatmap shows: `text`, a ramp when given, and how a column of several frames is summarised. */
  describe(text: string, gradient: string | null, framesPerColumn: number, columnRule: string): void {
    this.ramp.hidden = !gradient;
    if (gradient) this.ramp.style.background = gradient;
    const summary = framesPerColumn > 1 ? ` At this zoom each pixel column summarises about ${Math.round(framesPerColumn)} frames: ${columnRule}.` : '';
    fill(this.legend, this.ramp, text, summary);
    this.legend.dataset['framesPerColumn'] = framesPerColumn.toFixed(2);
  }
}

/** Whether mode `m` counts tokens in a reference corpus. */
export function needsReference(m: ColourMode): boolean {
  return m === 'commonness' || m === 'surprisal';
}
