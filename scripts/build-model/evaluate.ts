/**
 * Measures a built reference encoder for docs/reference-encoder.md: per-layer code use and entropy
 * on the corpus mixtures (or the WAVs under --audio) beside the real Qwen codes, the feature
 * reconstruction error after each layer, and encode speed on 60 s of audio (unless --no-speed).
 *
 *   node dist/scripts/build-model/evaluate.js [--model DIR] [--shared DIR] [--audio DIR] [--no-speed]
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { layerStatistics } from '../../src/analytics/layer-statistics.js';
import { CODEBOOK_SIZE, LAYER_COUNT, SAMPLE_RATE } from '../../src/domain/contract.js';
import { listWavFiles } from './corpus.js';
import { openFrontEnd } from './features.js';
import { FEATURE_DIM } from './front-end.js';
import { MODEL_ID } from './model-identity.js';
import { readEncoderWeights } from './read-weights.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { readPcm16Wav } from './wav.js';

const { values } = parseArgs({ options: { model: { type: 'string' }, shared: { type: 'string' }, audio: { type: 'string' }, 'no-speed': { type: 'boolean', default: false } } });
const root = repoRoot();
const modelDir = resolve(values.model ?? join(root, 'models', MODEL_ID));
const shared = resolve(values.shared ?? process.env['TOKENSCOPE_SHARED'] ?? join(root, '..', 'shared'));

const bytes = readFileSync(join(modelDir, 'model.onnx'));
const manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as { sha256: string };
const sha = createHash('sha256').update(bytes).digest('hex');
if (sha !== manifest.sha256) throw new Error(`manifest sha256 ${manifest.sha256} does not match model.onnx ${sha}`);
const weights = readEncoderWeights(bytes);
const session = await ort.InferenceSession.create(bytes);
const encode = async (samples: Float32Array): Promise<BigInt64Array> =>
  (await session.run({ audio: new ort.Tensor('float32', samples, [1, samples.length]) }))['codes']!.data as BigInt64Array;

// Mixture tokens (or those of --audio, e.g. the training clips to see in-sample use), features and residual energy per layer.
const mixDir = resolve(values.audio ?? join(shared, 'corpus', 'mixtures'));
const mixes = listWavFiles(mixDir).map((path) => relative(mixDir, path));
const frontEnd = await openFrontEnd(weights.norm);
const tokens: number[][] = Array.from({ length: LAYER_COUNT }, () => []);
const energy = new Float64Array(LAYER_COUNT + 1);
let frames = 0;
const audio: Float32Array[] = [];
for (const name of mixes) {
  const samples = readPcm16Wav(join(mixDir, name));
  audio.push(samples);
  const codes = await encode(samples);
  const x = await frontEnd.features(samples);
  const n = x.length / FEATURE_DIM;
  for (let f = 0; f < n; f++) {
    const r = Float32Array.from(x.subarray(f * FEATURE_DIM, (f + 1) * FEATURE_DIM));
    energy[0] += r.reduce((s, v) => s + v * v, 0);
    for (let l = 0; l < LAYER_COUNT; l++) {
      const token = Number(codes[f * LAYER_COUNT + l]!);
      tokens[l]!.push(token);
      const c = weights.codebooks[l]!;
      let e = 0;
      for (let d = 0; d < FEATURE_DIM; d++) {
        r[d] = Math.fround(r[d]! - c[token * FEATURE_DIM + d]!);
        e += r[d]! * r[d]!;
      }
      energy[l + 1] += e;
    }
  }
  frames += n;
}
await frontEnd.release();

// Real Qwen codes, all files pooled.
const qwenDir = join(shared, 'qwen-codes');
const qwen: number[][] = Array.from({ length: LAYER_COUNT }, () => []);
for (const name of readdirSync(qwenDir).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(join(qwenDir, name), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    for (const row of (JSON.parse(line) as { audio_codes: number[][] }).audio_codes) row.forEach((t, l) => qwen[l]!.push(t));
  }
}

// The product's own layer statistics, so these figures are the ones tokenscope reports.
const usage = (layer: readonly number[]) => {
  const histogram = new Uint32Array(CODEBOOK_SIZE);
  for (const t of layer) histogram[t]!++;
  const stats = layerStatistics(histogram);
  return { distinct: stats.distinctTokens, entropyBits: stats.entropyBits };
};
const ours = tokens.map(usage);
const theirs = qwen.map(usage);
console.log(`\n${mixDir}: ${mixes.length} files, ${frames} frames; Qwen: ${qwen[0]!.length} frames\n`);
console.log('| layer | reference: codes used | reference: entropy (bits) | Qwen: codes used | Qwen: entropy (bits) |');
console.log('|---:|---:|---:|---:|---:|');
ours.forEach((u, l) => console.log(`| ${l + 1} | ${u.distinct} | ${u.entropyBits.toFixed(2)} | ${theirs[l]!.distinct} | ${theirs[l]!.entropyBits.toFixed(2)} |`));

console.log('\n| layers used | mean squared error per feature | share of feature energy left |');
console.log('|---:|---:|---:|');
for (let l = 0; l <= LAYER_COUNT; l++) {
  console.log(`| ${l} | ${(energy[l]! / frames / FEATURE_DIM).toFixed(4)} | ${((100 * energy[l]!) / energy[0]!).toFixed(2)} % |`);
}

if (values['no-speed']) {
  await session.release();
  process.exit(0);
}

// Speed: 60 s cut from the mixtures, median of 20 runs after 3 warm-ups.
const minute = new Float32Array(60 * SAMPLE_RATE);
let at = 0;
for (const a of audio) {
  if (at >= minute.length) break;
  minute.set(a.subarray(0, Math.min(a.length, minute.length - at)), at);
  at += a.length;
}
for (let i = 0; i < 3; i++) await encode(minute);
const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  await encode(minute);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = (times[9]! + times[10]!) / 2;
console.log(`\nencode 60 s: median ${median.toFixed(1)} ms (${(60000 / median).toFixed(0)}× real time), fastest ${times[0]!.toFixed(1)} ms (${(60000 / times[0]!).toFixed(0)}×)`);
await session.release();
