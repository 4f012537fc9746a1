import { fill, h } from '../dom';
import type { DashAudioQuery } from '../generated/graphql';

type DetectorInfo = DashAudioQuery['detectors'][number];
type Parameter = DetectorInfo['parameters'][number];

/** A detector and its parameters as the API takes them (DetectorSpecInput). */
export interface DetectorSpec {
  name: string;
  params: Record<string, unknown>;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Reads one field back into the type the detector declares; undefined leaves the default. */
function parse(p: Parameter, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (p.type) {
    case 'int':
    case 'float':
      return Number(text);
    case 'layers':
      return text.split(/[\s,]+/).filter(Boolean).map(Number);
    default:
      return text;
  }
}

/**
 * The detector chooser: a select of the registered detectors and a field per parameter (typed,
 * with its default as placeholder and its doc as title), plus the threshold rule and segmenter as
 * JSON. `spec()` reads the current choice; errors in the JSON fields throw, naming the field.
 */
export class DetectorForm {
  readonly element: HTMLFormElement;
  private readonly select: HTMLSelectElement;
  private readonly fields = h('div', { class: 'params' });
  private readonly threshold = h('input', { name: 'threshold', class: 'wide', placeholder: '{"rule":"percentile","percentile":95}', 'aria-label': 'threshold rule (JSON)' });
  private readonly segmenter = h('input', { name: 'segmenter', class: 'wide', placeholder: '{"mergeGapFrames":0,"minEventFrames":1,"padFrames":0}', 'aria-label': 'segmenter (JSON)' });

  constructor(
    private readonly detectors: DetectorInfo[],
    initial: DetectorSpec,
    onRun: () => void,
  ) {
    this.select = h('select', { name: 'detector', 'aria-label': 'detector' }, detectors.map((d) => h('option', { value: d.name, selected: d.name === initial.name, title: d.description }, d.name)));
    this.element = h(
      'form',
      { class: 'controls', 'aria-label': 'Detector' },
      h('label', {}, 'Detector', this.select),
      this.fields,
      h('label', {}, 'Threshold rule (JSON)', this.threshold),
      h('label', {}, 'Segmenter (JSON)', this.segmenter),
      h('button', { type: 'submit', class: 'primary' }, 'Run detector'),
    );
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      onRun();
    });
    this.select.addEventListener('change', () => this.showParameters({}));
    this.showParameters(initial.params);
    this.threshold.value = shown(initial.params['threshold']);
    this.segmenter.value = shown(initial.params['segmenter']);
  }

  private current(): DetectorInfo | undefined {
    return this.detectors.find((d) => d.name === this.select.value);
  }

  private showParameters(values: Record<string, unknown>): void {
    const d = this.current();
    fill(
      this.fields,
      (d?.parameters ?? []).map((p) => {
        const attrs: Record<string, string | number | boolean | null | undefined> = { name: `p:${p.name}`, title: p.description, placeholder: shown(p.defaultValue), value: shown(values[p.name]), required: p.required && p.defaultValue === null };
        if (p.oneOf?.length) return h('label', {}, p.name, h('select', attrs, h('option', { value: '' }, `default (${shown(p.defaultValue)})`), p.oneOf.map((o) => h('option', { value: o, selected: values[p.name] === o }, o))));
        if (p.type === 'int' || p.type === 'float') Object.assign(attrs, { type: 'number', step: p.type === 'int' ? 1 : 'any', min: p.min ?? undefined, max: p.max ?? undefined });
        return h('label', {}, p.name, h('input', attrs));
      }),
    );
  }

  /** The detector and parameters chosen now. */
  spec(): DetectorSpec {
    const d = this.current();
    if (!d) throw new Error('no detector is chosen');
    const params: Record<string, unknown> = {};
    const data = new FormData(this.element);
    for (const p of d.parameters) {
      const v = parse(p, String(data.get(`p:${p.name}`) ?? ''));
      if (v !== undefined) params[p.name] = v;
    }
    for (const [field, input] of [['threshold', this.threshold], ['segmenter', this.segmenter]] as const) {
      if (!input.value.trim()) continue;
      try {
        params[field] = JSON.parse(input.value) as unknown;
      } catch (err) {
        throw new Error(`the ${field} field is not valid JSON: ${(err as Error).message}`);
      }
    }
    return { name: d.name, params };
  }
}
