/**
 * `npm run bench:reference-decoder`: quality of the reference decoder on the 40 dev mixtures,
 * written into docs/reference-decoder.md between its markers. For k = 1..16 layers: LSD and MCD of
 * the reconstruction against the original; for k = 16: per-layer token agreement after
 * re-encoding the reconstruction; then the settings trade-off on the first few mixtures.
 * Options: --out FILE (default docs/reference-decoder.md), --files N (first N mixtures only),
 * --subset N (mixtures in the trade-off table, default 5), --excerpt-frames N (decode only the first
 * N frames of each mixture; default 0, the whole mixture).
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

/** Settings compared in the trade-off table. */
const VARIANTS: { label: string; options: Partial<ReferenceDecoderOptions> }[] = [
  { label: 'random phase only (0 Griffin–Lim, 0 matching)', options: { iterations: 0, matchIterations: 0 } },
  { label: '1 Griffin–Lim, 0 matching', options: { iterations: 1, matchIterations: 0 } },
  { label: '0 Griffin–Lim, 4 matching', options: { iterations: 0, matchIterations: 4 } },
  { label: '1 Griffin–Lim, 2 matching', options: { iterations: 1, matchIterations: 2 } },
  { label: '1 Griffin–Lim, 2 matching at strength 1.8', options: { iterations: 1, matchIterations: 2, matchStrength: 1.8 } },
  { label: '**1 Griffin–Lim, 4 matching (default)**', options: {} },
  { label: '1 Griffin–Lim, 4 matching, 1920-sample window (FFT 2048)', options: { fftSize: 2048, windowLength: 1920 } },
];

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
    const read = await readMixtures(kit, mixtureNames().slice(0, files));
    const mixtures = excerpt > 0 ? read.map((m) => excerptOf(m, excerpt)) : read;
    const frames = mixtures.reduce((s, m) => s + m.codes.frames, 0);
    const seconds = mixtures.reduce((s, m) => s + m.samples.length, 0) / 24_000;
    const perK: Figures[][] = Array.from({ length: LAYER_COUNT }, () => []);
    const agree = new Float64Array(LAYER_COUNT);
    for (const m of mixtures) {
      const reference = powerFrames(m.samples);
      for (let k = 1; k <= LAYER_COUNT; k++) {
        const { figures, full } = measure(kit, m, reference, firstLayers(k), {});
        perK[k - 1]!.push(figures);
        if (k === LAYER_COUNT) agreement(m.codes, await kit.encode(full.subarray(0, m.samples.length)), agree);
      }
      process.stderr.write(`${m.name} ${new Date().toISOString()}\n`);
    }
    const subset = mixtures.slice(0, Number(option('subset') ?? 5));
    const subsetSeconds = subset.reduce((s, m) => s + m.codes.frames * 0.08, 0);
    const subsetFrames = subset.reduce((s, m) => s + m.codes.frames, 0);
    const variants: string[] = [];
    for (const v of VARIANTS) {
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
      `Measured ${started} by \`npm run bench:reference-decoder\` (${cpus().length} × ${cpus()[0]?.model.trim()}, 1-minute load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end), on ${excerpt > 0 ? `the first ${excerpt} frames (${(excerpt * 0.08).toFixed(1)} s) of each of ` : ''}${mixtures.length} mixtures of \`corpus/mixtures/\` (${seconds.toFixed(1)} s, ${frames.toLocaleString('en')} frames in all) encoded by \`${MODEL_ID}\` (which never saw them). Default settings: FFT ${d.fftSize}, Hann window ${d.windowLength}, hop ${d.hop}, ${d.iterations} Griffin–Lim iteration(s) (momentum ${d.momentum}), ${d.envelopeIterations} envelope-fit updates, ${d.matchIterations} matching rounds, ${d.gainPasses} loudness passes with ${d.gainRamp}-sample ramps. Each figure is the mean over the mixtures of the per-mixture figure; the reconstruction is cut to the original's length.`,
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
      '### Settings trade-off',
      '',
      `The first ${subset.length} of those (${subsetSeconds.toFixed(1)} s), k = 16; speed is audio seconds per decode CPU second in this run (the machine's load makes it a lower bound; \`npm run bench:decode\` measures speed properly).`,
      '',
      '| settings | layer 1 same | layer 2 same | LSD (dB) | MCD (dB) | × real time (CPU) |',
      '|---|---:|---:|---:|---:|---:|',
      ...variants,
      END,
    ].join('\n');
    writeMarkedSection(out, section, START, END);
    process.stderr.write(`\nwrote ${out}\n`);
  } finally {
    await kit.release();
  }
}

await main();
