import { request } from '../api';
import { CODEBOOK_SIZE, fixed, LAYERS } from '../format';
import { DashCodebookColoursDocument, DashTokenCountTableDocument } from '../generated/graphql';
import { TOKEN_COLOURS } from './colour-map';
import { ramp } from './colour-ramp';

/** What the heatmap's colour shows. */
export type ColourMode = 'id' | 'commonness' | 'surprisal' | 'embedding';

/** The modes offered, in the order the control lists them. */
export const COLOUR_MODES: readonly { mode: ColourMode; label: string }[] = [
  { mode: 'id', label: 'token id' },
  { mode: 'commonness', label: 'commonness in the reference' },
  { mode: 'surprisal', label: 'surprisal under the reference' },
  { mode: 'embedding', label: 'codebook embedding' },
];

/** Commonness: rare tokens hot, common ones pale; a token the reference never holds is black. */
export const COMMONNESS_STOPS = [[0, '#b2182b'], [0.4, '#ef8a62'], [0.75, '#d1e5f0'], [1, '#f7f7f7']] as const;
/** Surprisal: predictable tokens dark, surprising ones bright (viridis). */
export const SURPRISAL_STOPS = [[0, '#440154'], [0.25, '#3b528b'], [0.5, '#21918c'], [0.75, '#5ec962'], [1, '#fde725']] as const;
const COMMONNESS_RAMP = ramp(COMMONNESS_STOPS);
const SURPRISAL_RAMP = ramp(SURPRISAL_STOPS);
/** Pseudo-count added to every token for surprisal, so a token the reference never holds has a finite one. */
const SMOOTHING = 0.5;

/**
 * How tokens get their colour. `categorical`: one colour per token id, a column of several frames
 * takes its most common token's; `scalar`: a value 0..1 per layer and token on a ramp, a column takes
 * the mean value; `vector`: a colour per layer and token, a column takes the mean colour.
 */
export type Colouring =
  | { mode: ColourMode; kind: 'categorical'; lut: Uint8ClampedArray; legend: string; columnRule: string }
  | { mode: ColourMode; kind: 'scalar'; values: Float32Array; ramp: Uint8ClampedArray; cold?: Uint8Array; legend: string; columnRule: string }
  | { mode: ColourMode; kind: 'vector'; rgb: Uint8Array; legend: string; columnRule: string };

const ID_COLOURING: Colouring = { mode: 'id', kind: 'categorical', lut: TOKEN_COLOURS, legend: 'Colour: token id on the Turbo map (0 dark blue … 2047 dark red).', columnRule: 'the most common token of the column' };

type Table = { layerTotals: number[]; counts: number[][] };
const tables = new Map<string, Promise<Table>>();
const codebooks = new Map<string, Promise<Uint8Array>>();

/** One request per reference corpus and model, kept for the page's life. */
function countTable(reference: string, model: string): Promise<Table> {
  const key = `${model}\n${reference}`;
  let p = tables.get(key);
  if (!p) {
    p = request(DashTokenCountTableDocument, { corpus: reference, model }).then((r) => r.tokenCountTable);
    p.catch(() => tables.delete(key));
    tables.set(key, p);
  }
  return p;
}

/** One request per model, kept for the page's life. */
function codebookColours(model: string): Promise<Uint8Array> {
  let p = codebooks.get(model);
  if (!p) {
    p = request(DashCodebookColoursDocument, { model }).then((r) => Uint8Array.from(atob(r.codebookColours.data), (c) => c.charCodeAt(0)));
    p.catch(() => codebooks.delete(model));
    codebooks.set(model, p);
  }
  return p;
}

/** The colouring `mode` needs for an audio of `model`, with `reference` the corpus counted (commonness, surprisal). */
export async function loadColouring(mode: ColourMode, model: string, reference: string): Promise<Colouring> {
  switch (mode) {
    case 'id':
      return ID_COLOURING;
    case 'commonness': {
      const t = await countTable(reference, model);
      const values = new Float32Array(LAYERS * CODEBOOK_SIZE);
      const cold = new Uint8Array(LAYERS * CODEBOOK_SIZE);
      t.counts.forEach((row, l) => {
        const top = Math.log1p(Math.max(1, ...row));
        row.forEach((c, token) => {
          values[l * CODEBOOK_SIZE + token] = Math.log1p(c) / top;
          cold[l * CODEBOOK_SIZE + token] = c === 0 ? 1 : 0;
        });
      });
      return { mode, kind: 'scalar', values, ramp: COMMONNESS_RAMP, cold, legend: `Colour: how common the token is in its layer's histogram of ${reference}, log scale (pale: the layer's most common token; red: rare; black: never in ${reference}).`, columnRule: 'the mean commonness of the column (black only where every frame is unseen)' };
    }
    case 'surprisal': {
      const t = await countTable(reference, model);
      const values = new Float32Array(LAYERS * CODEBOOK_SIZE);
      let most = 0;
      t.counts.forEach((row, l) => {
        const total = t.layerTotals[l]! + SMOOTHING * CODEBOOK_SIZE;
        most = Math.max(most, -Math.log2(SMOOTHING / total));
        row.forEach((c, token) => (values[l * CODEBOOK_SIZE + token] = -Math.log2((c + SMOOTHING) / total)));
      });
      for (let i = 0; i < values.length; i++) values[i] = values[i]! / most;
      return { mode, kind: 'scalar', values, ramp: SURPRISAL_RAMP, legend: `Colour: surprisal −log2 p of the token under its layer's histogram of ${reference} (+${SMOOTHING} per token), 0 … ${fixed(most, 1)} bits (dark: expected; yellow: surprising).`, columnRule: 'the mean surprisal of the column' };
    }
    case 'embedding':
      return { mode, kind: 'vector', rgb: await codebookColours(model), legend: `Colour: the token's codebook vector of ${model}, its layer's first three principal components as red, green, blue (±2 standard deviations; grey: the layer's mean).`, columnRule: 'the mean colour of the column' };
  }
}

/** Whether `value` names a colour mode. */
export function isColourMode(value: string | null): value is ColourMode {
  return COLOUR_MODES.some((m) => m.mode === value);
}
