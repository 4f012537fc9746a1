import { LAYER_COUNT, SAMPLE_RATE } from '../domain/contract.js';
import { invalidArgument, UnreachableCaseError } from '../errors.js';

/**
 * A controlled change to 24 kHz audio whose effect on the tokens is measured (token stability, issue 11).
 * Every perturbation keeps the length of the audio.
 */
export type Perturbation =
  /** Additive noise scaled to `snrDb` (dB, signal power over noise power); `seed` fixes it. */
  | { kind: 'noise'; colour: 'white' | 'babble'; snrDb: number; seed: number }
  /** A gain of `db` decibels (no clipping: samples may leave [-1, 1]). */
  | { kind: 'gain'; db: number }
  /** A shift of `samples` samples; positive: delay (prepend zeros, keep length), negative: advance. */
  | { kind: 'shift'; samples: number }
  /** Down to `rate` Hz and back to 24 kHz through the project's resampler. */
  | { kind: 'resample'; rate: number }
  /** An MP3 round trip at `kbps` kbit/s (constant bitrate), aligned back to the original's samples. */
  | { kind: 'mp3'; kbps: number }
  /** Decode with these layers only and re-encode (codec consistency); needs a decoder. */
  | { kind: 'roundtrip'; layers: readonly number[] };

/** The kinds, in the order the docs list them. */
export const PERTURBATION_KINDS = ['noise', 'gain', 'shift', 'resample', 'mp3', 'roundtrip'] as const;

/** Largest |SNR| accepted, dB. */
const MAX_SNR_DB = 120;
/** Largest |gain| accepted, dB. */
const MAX_GAIN_DB = 60;
/** Largest |shift| accepted, samples (one second). */
const MAX_SHIFT_SAMPLES = SAMPLE_RATE;
/** Resampling rates accepted, Hz. */
const MIN_RATE = 4_000;
const MAX_RATE = 192_000;
/**
 * MP3 bitrates the round trip offers, kbit/s: those at which LAME keeps 24 kHz (MPEG-2 Layer III,
 * 40..160) or 48 kHz (MPEG-1, 192..320, encoded from 24 kHz upsampled), plus 8 (LAME goes to 8 kHz).
 * 16, 24 and 32 are left out: there LAME resamples to 16 or 22.05 kHz itself, and lamejs's resampler
 * returns silence (measured: 0 dB SNR at every lag).
 */
export const MP3_BITRATES: readonly number[] = [8, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 192, 224, 256, 320];

/** The parameters each kind takes; the first of each is required unless it has a default below. */
const PARAMETERS: Record<Perturbation['kind'], readonly string[]> = {
  noise: ['snr', 'colour', 'seed'],
  gain: ['db'],
  shift: ['samples'],
  resample: ['rate'],
  mp3: ['kbps'],
  roundtrip: ['layers'],
};

/**
 * Parses `kind:name=value,name=value` (e.g. `noise:snr=20`, `noise:snr=20,colour=babble,seed=2`,
 * `gain:db=-6`, `shift:samples=1`, `resample:rate=16000`, `mp3:kbps=64`, `roundtrip:layers=1-8`;
 * several layers or ranges join with `+`: `layers=1-4+9`). Noise defaults to colour=white, seed=0.
 * INVALID_ARGUMENT naming the part that is wrong.
 */
export function parsePerturbation(text: string): Perturbation {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = colon < 0 ? trimmed : trimmed.slice(0, colon);
  if (!(PERTURBATION_KINDS as readonly string[]).includes(kind)) {
    throw invalidArgument(`perturbation ${JSON.stringify(text)}: unknown kind ${JSON.stringify(kind)}, expected one of ${PERTURBATION_KINDS.join(', ')}`, { kind });
  }
  const k = kind as Perturbation['kind'];
  const params = readParameters(text, k, colon < 0 ? '' : trimmed.slice(colon + 1));
  const need = (name: string): string => {
    const v = params.get(name);
    if (v === undefined) throw invalidArgument(`perturbation ${JSON.stringify(text)}: ${k} needs ${name}=… (e.g. ${EXAMPLES[k]})`, { parameter: name });
    return v;
  };
  switch (k) {
    case 'noise': {
      const colour = params.get('colour') ?? 'white';
      if (colour !== 'white' && colour !== 'babble') throw invalidArgument(`perturbation ${JSON.stringify(text)}: colour must be white or babble, got ${JSON.stringify(colour)}`, { parameter: 'colour' });
      return {
        kind: 'noise',
        colour,
        snrDb: number(text, 'snr', need('snr'), { min: -MAX_SNR_DB, max: MAX_SNR_DB, unit: 'dB' }),
        seed: number(text, 'seed', params.get('seed') ?? '0', { min: 0, max: 0xffffffff, integer: true }),
      };
    }
    case 'gain':
      return { kind: 'gain', db: number(text, 'db', need('db'), { min: -MAX_GAIN_DB, max: MAX_GAIN_DB, unit: 'dB' }) };
    case 'shift':
      return { kind: 'shift', samples: number(text, 'samples', need('samples'), { min: -MAX_SHIFT_SAMPLES, max: MAX_SHIFT_SAMPLES, integer: true }) };
    case 'resample':
      return { kind: 'resample', rate: number(text, 'rate', need('rate'), { min: MIN_RATE, max: MAX_RATE, integer: true, unit: 'Hz' }) };
    case 'mp3': {
      const kbps = number(text, 'kbps', need('kbps'), { min: 1, max: 320, integer: true });
      if (!MP3_BITRATES.includes(kbps)) throw invalidArgument(`perturbation ${JSON.stringify(text)}: kbps must be one of ${MP3_BITRATES.join(', ')} (16, 24 and 32 make lamejs resample to silence), got ${kbps}`, { parameter: 'kbps' });
      return { kind: 'mp3', kbps };
    }
    case 'roundtrip':
      return { kind: 'roundtrip', layers: parseLayerList(text, need('layers')) };
    default:
      throw new UnreachableCaseError(k);
  }
}

/** One example per kind, for messages. */
const EXAMPLES: Record<Perturbation['kind'], string> = {
  noise: 'noise:snr=20', gain: 'gain:db=-6', shift: 'shift:samples=1', resample: 'resample:rate=16000', mp3: 'mp3:kbps=64', roundtrip: 'roundtrip:layers=1-8',
};

function readParameters(text: string, kind: Perturbation['kind'], body: string): Map<string, string> {
  const params = new Map<string, string>();
  if (body.trim() === '') return params;
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (eq < 0 || part.slice(eq + 1).trim() === '') throw invalidArgument(`perturbation ${JSON.stringify(text)}: expected name=value, got ${JSON.stringify(part)}`, { part });
    if (!PARAMETERS[kind].includes(name)) throw invalidArgument(`perturbation ${JSON.stringify(text)}: ${kind} takes ${PARAMETERS[kind].join(', ')}, got ${JSON.stringify(name)}`, { parameter: name });
    if (params.has(name)) throw invalidArgument(`perturbation ${JSON.stringify(text)}: ${name} is given twice`, { parameter: name });
    params.set(name, part.slice(eq + 1).trim());
  }
  return params;
}

function number(text: string, name: string, value: string, range: { min: number; max: number; integer?: boolean; unit?: string }): number {
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : NaN;
  const unit = range.unit ? ` ${range.unit}` : '';
  if (!Number.isFinite(n) || (range.integer && !Number.isInteger(n)) || n < range.min || n > range.max) {
    throw invalidArgument(`perturbation ${JSON.stringify(text)}: ${name} must be ${range.integer ? 'an integer' : 'a number'} in ${range.min}..${range.max}${unit}, got ${JSON.stringify(value)}`, { parameter: name });
  }
  return n === 0 ? 0 : n; // -0 would print as 0 but compare unequal in keys' round trips
}

function parseLayerList(text: string, value: string): readonly number[] {
  const layers = new Set<number>();
  for (const part of value.split('+')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (!m || from < 1 || to > LAYER_COUNT || to < from) {
      throw invalidArgument(`perturbation ${JSON.stringify(text)}: layers must be layer numbers 1..${LAYER_COUNT} or ranges such as 1-8, joined by +, got ${JSON.stringify(part)}`, { parameter: 'layers' });
    }
    for (let l = from; l <= to; l++) layers.add(l);
  }
  return [...layers].sort((a, b) => a - b);
}

/** Layers as the shortest `+`-joined list of ranges (`1-4+9`). */
function layerListText(layers: readonly number[]): string {
  const sorted = [...new Set(layers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join('+');
}

/**
 * The canonical text of a perturbation, every parameter spelled out in a fixed order (the stored key):
 * `parsePerturbation(perturbationKey(p))` equals `p`, and two spellings of one perturbation share a key.
 */
export function perturbationKey(p: Perturbation): string {
  switch (p.kind) {
    case 'noise':
      return `noise:snr=${p.snrDb},colour=${p.colour},seed=${p.seed}`;
    case 'gain':
      return `gain:db=${p.db}`;
    case 'shift':
      return `shift:samples=${p.samples}`;
    case 'resample':
      return `resample:rate=${p.rate}`;
    case 'mp3':
      return `mp3:kbps=${p.kbps}`;
    case 'roundtrip':
      return `roundtrip:layers=${layerListText(p.layers)}`;
    default:
      throw new UnreachableCaseError(p);
  }
}
