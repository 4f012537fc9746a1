/** Readable names of leaderboard configurations (no DOM here, so it is unit-tested in Node). */

/** What a label is made from: a leaderboard row's detector and its resolved options. */
export interface LabelledConfiguration {
  configuration: string;
  detector: string;
  parameters: Record<string, unknown>;
  thresholdRule: Record<string, unknown>;
  segmenter: Record<string, unknown>;
  protocol?: string;
}

/** The segmenter's defaults: fields left at them are not named. */
const SEGMENTER_DEFAULTS: Record<string, number> = { mergeGapFrames: 0, minEventFrames: 1, padFrames: 0 };
const SEGMENTER_WORDS: Record<string, (v: unknown) => string> = {
  mergeGapFrames: (v) => `merge ${String(v)}`,
  minEventFrames: (v) => `min ${String(v)} frames`,
  padFrames: (v) => `pad ${String(v)}`,
};

/** Parameters a default threshold rule is made from: named by the rule instead when they agree with it. */
const THRESHOLD_PARAMETERS = ['percentile', 'probability', 'minColdTokens'];

/** contextFrames → "context frames". */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function value(v: unknown): string {
  if (Array.isArray(v)) return v.map(value).join(',');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

/** A threshold rule in a few characters: "> p95", "p>0.8", "score ≥ 3", "z > 3", "top 5", "hysteresis 90/70 pct". */
export function thresholdLabel(rule: Record<string, unknown>, parameters: Record<string, unknown> = {}): string {
  switch (rule['rule']) {
    case 'percentile':
      return `> p${value(rule['percentile'])}`;
    case 'fixed': {
      const op = rule['comparison'] === 'AT_LEAST' ? '≥' : '>';
      return 'probability' in parameters ? `p${op}${value(rule['value'])}` : `score ${op} ${value(rule['value'])}`;
    }
    case 'robustZ':
      return `z > ${value(rule['k'])}`;
    case 'topK':
      return `top ${value(rule['k'])}`;
    case 'hysteresis':
      return `hysteresis ${value(rule['high'])}/${value(rule['low'])}${rule['levels'] === 'percentile' ? ' pct' : ''}`;
    default:
      return '';
  }
}

/**
 * A configuration's readable label: the detector, its parameters that differ from the detector's
 * defaults (all of them when the defaults are unknown), the threshold rule and the segmenter's
 * non-default fields, joined by " · "; e.g. "eventClassifier · context 4 · p>0.8 · merge 3".
 * Rows of detections made elsewhere keep their own name.
 */
export function configurationLabel(row: LabelledConfiguration, defaults?: Readonly<Record<string, unknown>>): string {
  if (row.protocol === 'EXTERNAL') return row.configuration;
  const rule = row.thresholdRule;
  const ruleValue = rule['rule'] === 'percentile' ? rule['percentile'] : rule['rule'] === 'fixed' ? rule['value'] : undefined;
  const params = Object.entries(row.parameters)
    .filter(([name, v]) => !(defaults && name in defaults && JSON.stringify(defaults[name]) === JSON.stringify(v)))
    .filter(([name, v]) => !(THRESHOLD_PARAMETERS.includes(name) && v === ruleValue))
    .map(([name, v]) => `${words(name)} ${value(v)}`);
  const segmenter = Object.entries(row.segmenter)
    .filter(([name, v]) => SEGMENTER_DEFAULTS[name] !== undefined && v !== SEGMENTER_DEFAULTS[name])
    .map(([name, v]) => SEGMENTER_WORDS[name]!(v));
  return [row.detector, ...params, thresholdLabel(rule, row.parameters), ...segmenter].filter(Boolean).join(' · ');
}

/** The configuration's resolved options as indented JSON, for a tooltip or details. */
export function configurationJson(row: LabelledConfiguration): string {
  return JSON.stringify({ detector: row.detector, parameters: row.parameters, threshold: row.thresholdRule, segmenter: row.segmenter }, null, 2);
}
