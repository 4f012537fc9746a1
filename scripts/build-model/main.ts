/**
 * `npm run build:model`: trains the reference encoder from a folder of 24 kHz mono 16-bit WAVs
 * (default ../shared/corpus) and writes models/<id>/model.onnx and manifest.json. Deterministic:
 * same corpus, seed, options and onnxruntime build → the same model.onnx bytes.
 *
 *   node dist/scripts/build-model/main.js [--corpus DIR] [--out DIR] [--seed N] [--offsets N] [--iterations N]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SAMPLE_RATE } from '../../src/domain/contract.js';
import { writeManifest } from '../../src/tokenizer/model-manifest.js';
import { listWavFiles } from './corpus.js';
import { buildEncoderModel, INPUT_NAME, OUTPUT_NAME } from './encoder-graph.js';
import { extractFeatures, fitNormalisation, standardise } from './features.js';
import { FEATURE_DIM } from './front-end.js';
import { MODEL_ID, MODEL_FAMILY, MODEL_LICENCE } from './model-identity.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { trainResidualCodebooks } from './train-rvq.js';
import { writeReferenceCodebooks } from './write-codebooks.js';
import { readPcm16Wav } from './wav.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '20240601' },
    offsets: { type: 'string', default: '16' },
    iterations: { type: 'string', default: '5' },
  },
});

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

const started = performance.now();
const root = repoRoot();
const corpus = resolve(values.corpus ?? join(process.env['TOKENSCOPE_SHARED'] ?? join(root, '..', 'shared'), 'corpus'));
const outDir = resolve(values.out ?? join(root, 'models', MODEL_ID));
const seed = positiveInteger('seed', values.seed!);
const offsets = positiveInteger('offsets', values.offsets!);
const iterations = positiveInteger('iterations', values.iterations!);

const files = listWavFiles(corpus);
if (files.length === 0) throw new Error(`--corpus: no .wav files under ${corpus}`);
const fingerprint = createHash('sha256');
const signals = files.map((path) => {
  fingerprint.update(`${relative(corpus, path)}\n`).update(createHash('sha256').update(readFileSync(path)).digest());
  return readPcm16Wav(path);
});
const seconds = signals.reduce((sum, s) => sum + s.length, 0) / SAMPLE_RATE;
console.log(`corpus ${corpus}: ${files.length} files, ${seconds.toFixed(1)} s`);

const set = await extractFeatures(signals, offsets);
const norm = fitNormalisation(set);
standardise(set, norm);
console.log(`${set.count} training vectors of ${FEATURE_DIM} features (${offsets} frame-grid offsets)`);

const codebooks = await trainResidualCodebooks(set, {
  dim: FEATURE_DIM,
  iterations,
  seed,
  onStage: (s) =>
    console.log(`layer ${String(s.layer).padStart(2)}: residual ${s.residualEnergy.toFixed(3)} per vector, ${s.used} codes used, ${s.reseeded} re-seeded, ${s.seconds.toFixed(1)} s`),
});

const description = `tokenscope reference encoder ${MODEL_ID}: 64 log-mel bands + 8 sub-block log energies per 1920-sample frame, standardised, then a 16-stage residual VQ with 2048-entry k-means codebooks. Frame-local; no decoder.`;
const bytes = buildEncoderModel({ norm, codebooks }, description);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.onnx'), bytes);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const codebookFields = writeReferenceCodebooks(outDir, bytes, codebooks);
const epoch = process.env['SOURCE_DATE_EPOCH'];
const date = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
const ortVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string }).version;
await writeManifest(outDir, {
  id: MODEL_ID,
  family: MODEL_FAMILY,
  sampleRate: SAMPLE_RATE,
  hop: 1920,
  layers: 16,
  codebookSize: 2048,
  layout: 'plain-audio',
  inputs: { waveform: INPUT_NAME },
  outputs: { codes: OUTPUT_NAME },
  onnx: 'model.onnx',
  sha256,
  contextual: false,
  chunkOverlapFrames: 0,
  licence: MODEL_LICENCE,
  provenance:
    `Trained ${date} by \`npm run build:model\` (scripts/build-model, seed ${seed}, ${offsets} frame-grid offsets, ${iterations} Lloyd iterations per stage, onnxruntime-node ${ortVersion}) ` +
    `on the tokenscope dev corpus (../shared/corpus: ${files.length} WAV files, ${seconds.toFixed(1)} s of events, speech, backgrounds and mixtures; ` +
    `corpus fingerprint sha256 ${fingerprint.digest('hex')}). See docs/reference-encoder.md.`,
  ...codebookFields,
});
console.log(`wrote ${join(outDir, 'model.onnx')} (${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha256}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
