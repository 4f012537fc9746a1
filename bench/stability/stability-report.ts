/**
 * The stability report of docs/stability.md: the 40 dev mixtures under each perturbation of
 * REPORT_PERTURBATIONS, re-encoded by tokenscope-ref-v2, per-layer agreement and unit edit distance
 * summed over the corpus (counts, then ratios).
 */
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { buildBabble } from '../../src/stability/build-babble.js';
import type { StabilityMeasure } from '../../src/stability/layer-stability.js';
import { sumMeasures } from '../../src/stability/layer-stability.js';
import { measureStability } from '../../src/stability/measure-stability.js';
import { parsePerturbation } from '../../src/stability/perturbation.js';
import type { Perturbation } from '../../src/stability/perturbation.js';
import type { PooledEncoder } from '../../src/ingest/encoder-pool.js';
import type { StabilityAudio } from './stability-corpus.js';

/** The perturbations reported, as the CLI spells them; gain:db=0 is the identity (a check: 100 %). */
export const REPORT_PERTURBATIONS = [
  'gain:db=0',
  'noise:snr=30', 'noise:snr=20', 'noise:snr=10',
  'noise:snr=30,colour=babble', 'noise:snr=20,colour=babble', 'noise:snr=10,colour=babble',
  'gain:db=6', 'gain:db=-6',
  'shift:samples=1',
  'resample:rate=16000',
  'mp3:kbps=64',
] as const;

/** Talkers in each audio's babble (docs/stability.md, "Babble"). */
export const REPORT_TALKERS = 6;

/** Babble of audio `index` under `p` (six of the clips, chosen and offset by the perturbation's seed plus the index), or none. */
export function reportBabble(p: Perturbation, index: number, length: number, speech: readonly Float32Array[]): Float32Array | undefined {
  return p.kind === 'noise' && p.colour === 'babble' ? buildBabble(speech, length, { talkers: REPORT_TALKERS, seed: p.seed + index }) : undefined;
}

/** Corpus-level measure of each perturbation, in REPORT_PERTURBATIONS order. */
export async function measureReport(audios: readonly StabilityAudio[], encoder: PooledEncoder, speech: readonly Float32Array[], progress: (line: string) => void): Promise<StabilityMeasure[]> {
  const out: StabilityMeasure[] = [];
  for (const text of REPORT_PERTURBATIONS) {
    const perturbation = parsePerturbation(text);
    const measures: StabilityMeasure[] = [];
    for (const [i, audio] of audios.entries()) {
      const babble = reportBabble(perturbation, i, audio.samples.length, speech);
      measures.push(await measureStability({ samples: audio.samples, codes: audio.codes, perturbation, encode: (x) => encoder.encode(x), ...(babble ? { babble } : {}) }));
    }
    out.push(sumMeasures(measures));
    progress(`${text} ${new Date().toISOString()}`);
  }
  return out;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}`;

/** Two Markdown tables (agreement %, UED %), one row per perturbation, a column per layer. */
export function reportTables(measures: readonly StabilityMeasure[]): string[] {
  const head = `| perturbation | ${Array.from({ length: LAYER_COUNT }, (_, i) => `L${i + 1}`).join(' | ')} |`;
  const rule = `|---|${'---:|'.repeat(LAYER_COUNT)}`;
  return [
    '**Token agreement, %** (frames whose token at the layer is the original\'s):',
    '',
    head,
    rule,
    ...measures.map((m) => `| \`${m.perturbation}\` | ${m.layers.map((l) => pct(l.agreeing / l.frames)).join(' | ')} |`),
    '',
    '**Unit edit distance, %** (Levenshtein distance between the run-collapsed layer sequences over the original\'s units):',
    '',
    head,
    rule,
    ...measures.map((m) => `| \`${m.perturbation}\` | ${m.layers.map((l) => pct(l.edits / l.units)).join(' | ')} |`),
  ];
}
