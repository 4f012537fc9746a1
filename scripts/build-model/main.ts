/**
 * `npm run build:model`: trains the reference encoder from the 24 kHz mono 16-bit WAVs under the
 * `--include` folders of a corpus (default events, speech and background of ../shared/corpus: never
 * the evaluation mixtures) and writes models/<id>/model.onnx, codebooks.npy and manifest.json.
 * Deterministic: same files, seed, options and onnxruntime build → the same model.onnx bytes.
 *
 *   node dist/scripts/build-model/main.js [--corpus DIR] [--include A,B,…] [--id ID] [--out DIR]
 *     [--seed N] [--offsets N] [--iterations N]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SAMPLE_RATE } from '../../src/domain/contract.js';
import { MODEL_ID_PATTERN, writeManifest } from '../../src/tokenizer/model-manifest.js';
import { buildEncoderModel, INPUT_NAME, OUTPUT_NAME } from './encoder-graph.js';
import { extractFeatures, fitNormalisation, standardise } from './features.js';
import { FEATURE_DIM } from './front-end.js';
import { MODEL_ID, MODEL_FAMILY, MODEL_LICENCE } from './model-identity.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { DEFAULT_INCLUDE, parseInclude, selectTrainingFiles } from './training-files.js';
import { trainResidualCodebooks } from './train-rvq.js';
import { writeReferenceCodebooks } from './write-codebooks.js';
import { readPcm16Wav } from './wav.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    include: { type: 'string', default: DEFAULT_INCLUDE.join(',') },
    id: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '20240601' },
    offsets: { type: 'string', default: '64' },
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
// --id and --out default to each other: models/<id>, or the out folder's name.
const outDir = resolve(values.out ?? join(root, 'models', values.id ?? MODEL_ID));
const modelId = values.id ?? basename(outDir);
// Checked before the minutes of training, not by the manifest writer after them.
if (!MODEL_ID_PATTERN.test(modelId)) throw new Error(`--id: expected a model id matching ${MODEL_ID_PATTERN}, got ${JSON.stringify(modelId)}${values.id === undefined ? ' (the --out folder\'s name)' : ''}`);
const seed = positiveInteger('seed', values.seed!);
const offsets = positiveInteger('offsets', values.offsets!);
const iterations = positiveInteger('iterations', values.iterations!);

const { files, include, excluded } = selectTrainingFiles(corpus, parseInclude(values.include!));
const fingerprint = createHash('sha256');
const signals = files.map((path) => {
  fingerprint.update(`${relative(corpus, path)}\n`).update(createHash('sha256').update(readFileSync(path)).digest());
  return readPcm16Wav(path);
});
const seconds = signals.reduce((sum, s) => sum + s.length, 0) / SAMPLE_RATE;
console.log(`corpus ${corpus} (${include.join(', ')}${excluded.length > 0 ? `; not ${excluded.join(', ')}` : ''}): ${files.length} files, ${seconds.toFixed(1)} s`);

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

const description = `tokenscope reference encoder ${modelId}: 64 log-mel bands + 8 sub-block log energies per 1920-sample frame, standardised, then a 16-stage residual VQ with 2048-entry k-means codebooks. Frame-local; no decoder.`;
const bytes = buildEncoderModel({ norm, codebooks }, description);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'model.onnx'), bytes);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const codebookFields = writeReferenceCodebooks(outDir, bytes, codebooks);
const epoch = process.env['SOURCE_DATE_EPOCH'];
const date = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
const ortVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string }).version;
await writeManifest(outDir, {
  id: modelId,
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
    `on the tokenscope dev corpus (../shared/corpus, folders ${include.join(', ')}${excluded.length > 0 ? `; ${excluded.join(', ')} excluded` : ''}${excluded.includes('mixtures') ? ', so no evaluation audio is inside the encoder' : ''}: ${files.length} WAV files, ${seconds.toFixed(1)} s; ` +
    `fingerprint sha256 ${fingerprint.digest('hex')} of the training files' names and contents). See docs/reference-encoder.md.`,
  ...codebookFields,
  // tokenscope's own signal-processing decoder (src/decoders/reference, docs/reference-decoder.md).
  decoder: { kind: 'reference' },
});
console.log(`wrote ${join(outDir, 'model.onnx')} (${(bytes.length / 1e6).toFixed(2)} MB, sha256 ${sha256}) in ${((performance.now() - started) / 1000).toFixed(1)} s, peak memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
