/**
 * `npm run bench:reference-decoder`: quality of the reference decoder on the 40 dev mixtures,
 * written into docs/reference-decoder.md between its markers. For k = 1..16 layers: LSD and MCD of
 * the reconstruction against the original; for k = 16: per-layer token agreement after
 * re-encoding the reconstruction, over all and split into the 20 mixtures the settings were chosen
 * on and the 20 they were not; then the settings trade-off on the first few of the latter.
 * Options: --out FILE (default docs/reference-decoder.md), --files N (first N mixtures only),
 * --subset N (mixtures in the trade-off table, default 5), --excerpt-frames N (decode only the first
 * N frames of each mixture; default 0, the whole mixture), --mixtures DIR (another folder of
 * mixtures, e.g. from the corpus's make_mixtures.py with another seed; none of them counts as seen).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { framesLogSpectralDistance } from '../../src/analytics/reconstruction/log-spectral-distance.js';
import { framesMelCepstralDistortion } from '../../src/analytics/reconstruction/mel-cepstral-distortion.js';
import { powerFrames } from '../../src/analytics/reconstruction/power-frames.js';
import type { PowerFrames } from '../../src/analytics/reconstruction/power-frames.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { sliceFrames } from '../../src/domain/code-matrix.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { decodeReferenceCodes, firstLayers } from '../../src/decoders/reference/decode-codes.js';
import { DEFAULT_REFERENCE_DECODER_OPTIONS } from '../../src/decoders/reference/reference-decoder-options.js';
import type { ReferenceDecoderOptions } from '../../src/decoders/reference/reference-decoder-options.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { writeMarkedSection } from '../report.js';
import { MODEL_ID, mixtureNames, openReferenceKit, readMixtures } from './mixture-codes.js';
import type { Mixture, ReferenceKit } from './mixture-codes.js';

const START = '<!-- bench:reference-decoder:start -->';
const END = '<!-- bench:reference-decoder:end -->';

/** Settings compared in the trade-off table: each default changed on its own, then the settings before issue 11's last round. */
const VARIANTS: { label: string; options: Partial<ReferenceDecoderOptions> }[] = [
  { label: '**defaults** (window 1920, hop 960, 3 matching rounds at 1.4, the last 2 re-analysing, geometric, 4 loudness passes a stage, 240-sample ramps)', options: {} },
  { label: '1 Griffin–Lim iteration first', options: { iterations: 1 } },
  { label: 'no matching', options: { matchIterations: 0 } },
  { label: '2 matching rounds', options: { matchIterations: 2 } },
  { label: '4 matching rounds', options: { matchIterations: 4 } },
  { label: 'matching at strength 1', options: { matchStrength: 1 } },
  { label: 'linear matching interpolation', options: { matchInterpolation: 'linear' } },
  { label: '4 envelope-fit updates', options: { envelopeIterations: 4 } },
  { label: 'window 960, FFT 1024, hop 480', options: { fftSize: 1024, windowLength: 960, hop: 480 } },
  { label: '96-sample ramps', options: { gainRamp: 96 } },
  { label: '2 loudness passes a stage', options: { gainPasses: 2 } },
  { label: '8 loudness passes a stage', options: { gainPasses: 8 } },
  { label: 'no loudness stage (10 ms energies ignored)', options: { gainPasses: 0 } },
  { label: 'no re-analysis (each round rescales the last STFT), 1 Griffin–Lim iteration, 8 passes', options: { matchReanalyse: false, iterations: 1, gainPasses: 8 } },
  {
    label: 'the settings before (window 960, linear, 4 × strength 1, 4 envelope updates, 1 Griffin–Lim, no re-analysis, 6 passes, 96-sample ramps)',
    options: { fftSize: 1024, windowLength: 960, hop: 480, iterations: 1, envelopeIterations: 4, matchIterations: 4, matchStrength: 1, matchInterpolation: 'linear', matchReanalyse: false, gainPasses: 6, gainRamp: 96 },
  },
];

/** Mixtures the settings were chosen on: the first 20 (mix_000..mix_019); the others were not looked at while choosing. */
const TUNING_MIXTURES = 20;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Per-layer agreement counts between two code matrices of the same length. */
function agreement(a: CodeMatrix, b: CodeMatrix, counts: Float64Array): void {
  for (let i = 0; i < a.tokens.length; i++) if (a.tokens[i] === b.tokens[i]) counts[i % LAYER_COUNT]++;
}

interface Figures {
  lsd: number;
  mcd: number;
  /** Share of samples at ±1 (clipped). */
  clipped: number;
  /** Decode CPU seconds. */
  cpu: number;
}

function measure(kit: ReferenceKit, m: Mixture, reference: PowerFrames, layers: readonly number[], options: Partial<ReferenceDecoderOptions>): { figures: Figures; full: Float32Array } {
  const before = process.cpuUsage();
  const full = decodeReferenceCodes(m.codes, kit.codebooks, kit.norm, layers, options);
  const used = process.cpuUsage(before);
  const y = full.subarray(0, m.samples.length);
  let clipped = 0;
  for (const v of y) if (v === 1 || v === -1) clipped++;
  const estimate = powerFrames(y);
  return { figures: { lsd: framesLogSpectralDistance(reference, estimate), mcd: framesMelCepstralDistortion(reference, estimate), clipped: clipped / y.length, cpu: (used.user + used.system) / 1e6 }, full };
}

/** The first `frames` frames of a mixture: its samples and codes (the encoder is frame-local, so the codes are those of the whole). */
function excerptOf(m: Mixture, frames: number): Mixture {
  const n = Math.min(frames, m.codes.frames);
  return { name: m.name, samples: m.samples.subarray(0, Math.min(m.samples.length, n * 1920)), codes: sliceFrames(m.codes, 0, n) };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

async function main(): Promise<void> {
  const out = option('out') ?? join(repoRoot(), 'docs', 'reference-decoder.md');
  const files = Number(option('files') ?? 40);
  const loadStart = loadavg()[0]!;
  const started = new Date().toISOString();
  const kit = await openReferenceKit();
  try {
    const excerpt = Number(option('excerpt-frames') ?? 0);
    const dir = option('mixtures');
    const read = await readMixtures(kit, mixtureNames(dir).slice(0, files), dir);
    // The dev mixtures' first 20 were looked at while choosing the settings; another folder's were not.
    const seen = (i: number): boolean => dir === undefined && i < TUNING_MIXTURES;
    const mixtures = excerpt > 0 ? read.map((m) => excerptOf(m, excerpt)) : read;
    const frames = mixtures.reduce((s, m) => s + m.codes.frames, 0);
    const seconds = mixtures.reduce((s, m) => s + m.samples.length, 0) / 24_000;
    const perK: Figures[][] = Array.from({ length: LAYER_COUNT }, () => []);
    const agree = new Float64Array(LAYER_COUNT);
    const split = { seen: { same: 0, frames: 0, files: 0 }, unseen: { same: 0, frames: 0, files: 0 } };
    for (const [i, m] of mixtures.entries()) {
      const reference = powerFrames(m.samples);
      for (let k = 1; k <= LAYER_COUNT; k++) {
        const { figures, full } = measure(kit, m, reference, firstLayers(k), {});
        perK[k - 1]!.push(figures);
        if (k === LAYER_COUNT) {
          const counts = new Float64Array(LAYER_COUNT);
          agreement(m.codes, await kit.encode(full.subarray(0, m.samples.length)), counts);
          for (let l = 0; l < LAYER_COUNT; l++) agree[l] += counts[l]!;
          const part = seen(i) ? split.seen : split.unseen;
          part.same += counts[0]!;
          part.frames += m.codes.frames;
          part.files++;
        }
      }
      process.stderr.write(`${m.name} ${new Date().toISOString()}\n`);
    }
    const firstUnseen = mixtures.findIndex((_, i) => !seen(i));
    const subset = mixtures.slice(firstUnseen < 0 ? 0 : firstUnseen).slice(0, Number(option('subset') ?? 5));
    const subsetSeconds = subset.reduce((s, m) => s + m.codes.frames * 0.08, 0);
    const subsetFrames = subset.reduce((s, m) => s + m.codes.frames, 0);
    const variants: string[] = [];
    for (const v of subset.length > 0 ? VARIANTS : []) {
      const figures: Figures[] = [];
      const layer1 = new Float64Array(LAYER_COUNT);
      for (const m of subset) {
        const r = measure(kit, m, powerFrames(m.samples), firstLayers(LAYER_COUNT), v.options);
        figures.push(r.figures);
        agreement(m.codes, await kit.encode(r.full.subarray(0, m.samples.length)), layer1);
      }
      const cpu = figures.reduce((s, f) => s + f.cpu, 0);
      variants.push(`| ${v.label} | ${pct(layer1[0]! / subsetFrames)} | ${pct(layer1[1]! / subsetFrames)} | ${mean(figures.map((f) => f.lsd)).toFixed(2)} | ${mean(figures.map((f) => f.mcd)).toFixed(2)} | ${Math.round(subsetSeconds / cpu)}× |`);
      process.stderr.write('.');
    }
    const d = DEFAULT_REFERENCE_DECODER_OPTIONS;
    const section = [
      START,
      `Measured ${started} by \`npm run bench:reference-decoder\` (${cpus().length} × ${cpus()[0]?.model.trim()}, 1-minute load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end), on ${excerpt > 0 ? `the first ${excerpt} frames (${(excerpt * 0.08).toFixed(1)} s) of each of ` : ''}${mixtures.length} mixtures of \`${dir ?? 'corpus/mixtures/'}\` (${seconds.toFixed(1)} s, ${frames.toLocaleString('en')} frames in all) encoded by \`${MODEL_ID}\` (which never saw them). Default settings: FFT ${d.fftSize}, Hann window ${d.windowLength}, hop ${d.hop}, ${d.iterations} Griffin–Lim iteration(s) (momentum ${d.momentum}), ${d.envelopeIterations} envelope-fit updates, ${d.matchIterations} matching rounds at strength ${d.matchStrength} (${d.matchInterpolation} interpolation${d.matchReanalyse ? ', the later ones re-analysing the shaped render' : ''}), ${d.gainPasses} loudness passes a stage with ${d.gainRamp}-sample ramps. Each figure is the mean over the mixtures of the per-mixture figure; the reconstruction is cut to the original's length.`,
      '',
      '### Against the original, layers 1..k',
      '',
      '| k | LSD (dB) | MCD (dB) | samples clipped |',
      '|---:|---:|---:|---:|',
      ...perK.map((fs, i) => `| ${i + 1} | ${mean(fs.map((f) => f.lsd)).toFixed(2)} | ${mean(fs.map((f) => f.mcd)).toFixed(2)} | ${(100 * mean(fs.map((f) => f.clipped))).toFixed(3)} % |`),
      '',
      '### Re-encoding the k = 16 reconstruction',
      '',
      `Share of the ${frames.toLocaleString('en')} frames whose token in each layer is the original's (bar: layer 1 ≥ 80 %):`,
      '',
      `| layer | ${Array.from({ length: LAYER_COUNT }, (_, i) => i + 1).join(' | ')} |`,
      `|---|${'---:|'.repeat(LAYER_COUNT)}`,
      `| same token | ${Array.from(agree, (a) => pct(a / frames)).join(' | ')} |`,
      '',
      `Layer 1: **${pct(agree[0]! / frames)}** — ${agree[0]! / frames >= 0.8 ? 'the bar is met' : 'the bar is not met'}.`,
      '',
      `| mixtures | files | frames | layer 1 same |`,
      `|---|---:|---:|---:|`,
      ...(split.seen.files > 0 ? [`| the settings were chosen on these (mix_000..mix_0${TUNING_MIXTURES - 1}) | ${split.seen.files} | ${split.seen.frames.toLocaleString('en')} | ${pct(split.seen.same / split.seen.frames)} |`] : []),
      ...(split.unseen.files > 0 ? [`| not looked at while choosing${dir === undefined ? '' : ` (\`${dir}\`)`} | ${split.unseen.files} | ${split.unseen.frames.toLocaleString('en')} | ${pct(split.unseen.same / split.unseen.frames)} |`] : []),
      ...(subset.length === 0
        ? []
        : [
            '',
            '### Settings trade-off',
            '',
            `${subset.length} mixtures${firstUnseen >= 0 ? ' the settings were not chosen on' : ''} (${subset.map((m) => m.name).join(', ')}; ${subsetSeconds.toFixed(1)} s), k = 16, each row one setting changed from the defaults unless it says otherwise; speed is audio seconds per decode CPU second in this run (the machine's load makes it a lower bound; \`npm run bench:decode\` measures speed properly).`,
            '',
            '| settings | layer 1 same | layer 2 same | LSD (dB) | MCD (dB) | × real time (CPU) |',
            '|---|---:|---:|---:|---:|---:|',
            ...variants,
          ]),
      END,
    ].join('\n');
    writeMarkedSection(out, section, START, END);
    process.stderr.write(`\nwrote ${out}\n`);
  } finally {
    await kit.release();
  }
}

await main();
