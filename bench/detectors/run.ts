/**
 * Issue 9's detector benchmarks, side by side in one run:
 * - fitting eventClassifier (defaults) on ≥ 1 h of labelled audio (bar ≤ 30 s);
 * - scoring a 1-hour matrix with a fitted eventClassifier, through the registry (bar ≤ 1 s);
 * - `compareDetectors` of 8 configurations on the 40 dev mixtures (bar < 60 s).
 *
 *   npm run bench:detectors [-- --out docs/benchmarks.md | --no-write] [--work bench/.data/folds]
 *
 * The labelled hour is the dev mixtures plus the training mixtures of the source-held-out folds
 * (scripts/tune-detectors/source-folds.ts: built with the corpus's make_mixtures.py, so python3 with
 * numpy is needed once); audio is encoded with the default reference encoder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDetectorRegistry } from '../../src/analytics/detectors/registry.js';
import type { DetectorContext } from '../../src/analytics/detectors/detector.js';
import { fitEventClassifier } from '../../src/analytics/models/event-classifier-model.js';
import { EVENT_CLASSIFIER_DEFAULTS } from '../../src/analytics/detectors/event-classifier.detector.js';
import { CompareDetectorsDocument, IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { FRAME_SECONDS, LAYER_COUNT } from '../../src/domain/contract.js';
import { loadSettings } from '../../src/config/settings.js';
import { createApp } from '../../src/main.js';
import { packageRoot } from '../../src/jsutils/repo-root.js';
import { loadModel } from '../../src/tokenizer/model-registry.js';
import { readModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import { openTokenizer } from '../../src/tokenizer/open-tokenizer.js';
import { asExamples, encodedSet } from '../../scripts/tune-detectors/encoded-set.js';
import type { EncodedFile } from '../../scripts/tune-detectors/encoded-set.js';
import { buildSourceFolds } from '../../scripts/tune-detectors/source-folds.js';
import { execute, prepare } from '../execute.js';
import { describeMachine } from '../machine.js';
import { writeMarkedSection } from '../report.js';
import { summarise } from '../timing.js';

const START = '<!-- bench:detectors:start -->';
const END = '<!-- bench:detectors:end -->';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/benchmarks.md' },
    'no-write': { type: 'boolean', default: false },
    work: { type: 'string', default: 'bench/.data/folds' },
    corpus: { type: 'string', default: join(process.env['TOKENSCOPE_SHARED'] ?? join(packageRoot(), '..', 'shared'), 'corpus') },
  },
});

const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const settings = loadSettings({ device: 'cpu' });
  const model = await loadModel(settings.modelsDir, settings.defaultModel);
  const codebooks = await readModelCodebooks(model);
  const tokenizer = await openTokenizer(model, { device: 'cpu' });
  const folds = buildSourceFolds(args.corpus, args.work, { folds: 3, seed: 7, mixtures: 40 });
  const dev = await encodedSet(join(args.corpus, 'mixtures'), tokenizer);
  const labelled: EncodedFile[] = [...dev];
  for (const fold of folds) labelled.push(...(await encodedSet(fold.train, tokenizer)), ...(await encodedSet(fold.test, tokenizer)));
  await tokenizer.close();
  // Whole files until there is at least one hour.
  const hour: EncodedFile[] = [];
  let frames = 0;
  for (const f of labelled) {
    if (frames * FRAME_SECONDS >= 3600) break;
    hour.push(f);
    frames += f.matrix.frames;
  }
  const settingsOfFit = { ...EVENT_CLASSIFIER_DEFAULTS, layers: EVENT_CLASSIFIER_DEFAULTS.sumLayers };

  // 1. Fitting on the labelled hour, three times.
  const fitTimes: number[] = [];
  let iterations = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const fitted = await fitEventClassifier(asExamples(hour), codebooks, settingsOfFit, []);
    fitTimes.push(performance.now() - t);
    iterations = fitted.softmax.iterations;
  }
  const fit = summarise(fitTimes);

  // 2. Scoring one 1-hour matrix (45,000 frames: the labelled files end to end), model fitted once.
  const tokens = new Uint16Array(45_000 * LAYER_COUNT);
  for (let at = 0, i = 0; at < tokens.length; i++) {
    const part = hour[i % hour.length]!.matrix.tokens.subarray(0, tokens.length - at);
    tokens.set(part, at);
    at += part.length;
  }
  const long = codeMatrix(tokens);
  const registry = createDetectorRegistry(undefined, { codebooks: async () => codebooks });
  const ctx: DetectorContext = {
    referenceCounts: async () => { throw new Error('not used'); },
    corpusVersion: async () => 'bench',
    corpusAudioIds: async () => dev.map((f) => f.audioId),
    trainingExamples: () => asExamples(dev),
    heldOutAudioIds: [],
    model: { id: model.manifest.id, sha256: model.manifest.sha256 },
  };
  await registry.run('eventClassifier', { training: 'dev' }, long, ctx); // fits on the dev mixtures once
  const scoreTimes: number[] = [];
  let events = 0;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    const run = await registry.run('eventClassifier', { training: 'dev' }, long, ctx);
    scoreTimes.push(performance.now() - t);
    events = run.anomalies.length;
  }
  const score = summarise(scoreTimes);

  // 3. compareDetectors of 8 configurations on the 40 dev mixtures, in a fresh store.
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-bench-detectors-'));
  const app = await createApp(loadSettings({ dbPath: join(dir, 'bench.duckdb'), device: 'cpu', dataRoots: [args.corpus] }));
  let compareMs = 0;
  const machine = await describeMachine(app.store);
  let rows: { configuration: string; runMilliseconds: number }[] = [];
  try {
    for (const [corpus, paths] of [['dev', [join(args.corpus, 'mixtures')]], ['dev-normal', [join(args.corpus, 'speech'), join(args.corpus, 'background')]]] as const) {
      const { id } = (await execute(app, prepare(IngestAudioDocument, { corpus, paths: [...paths] }))).ingestAudio;
      await app.services.audio.jobs.idle();
      const job = (await execute(app, prepare(IngestJobDocument, { id }))).ingestJob;
      if (job.results.some((r) => r.status !== 'INGESTED')) throw new Error(`ingest of ${corpus} failed`);
    }
    const detectors = [
      { name: 'keyLayerVariance' },
      { name: 'interLayerSpread' },
      { name: 'coldTokens', params: { reference: 'dev-normal' } },
      { name: 'tokenSurprisal', params: { reference: 'dev-normal' } },
      { name: 'distributionShift', params: { reference: 'dev-normal' } },
      { name: 'changeRate' },
      { name: 'tokenEnrichment', params: { training: 'dev' } },
      { name: 'eventClassifier', params: { training: 'dev' } },
    ];
    const t = performance.now();
    const run = (await execute(app, prepare(CompareDetectorsDocument, { corpus: 'dev', detectors, bootstrap: 200 }))).compareDetectors;
    compareMs = performance.now() - t;
    rows = run.rows.map((r) => ({ configuration: r.configuration, runMilliseconds: r.runMilliseconds }));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const hourSeconds = frames * FRAME_SECONDS;
  const section = [
    START,
    '## Detectors on embeddings (issue 9)',
    '',
    `\`npm run bench:detectors\` on ${machine.cpu} (${machine.cores} cores, load ${machine.loadAverage.toFixed(1)} at the start), Node ${machine.node}, commit ${machine.commit ?? 'unknown'}; encoder ${model.manifest.id}. One run, side by side.`,
    '',
    '| measurement | figure | bar |',
    '|---|---:|---:|',
    `| fit eventClassifier (defaults) on ${hour.length} labelled recordings, ${(hourSeconds / 60).toFixed(1)} min (${frames} frames), median of 3 | ${seconds(fit.p50)} s (${iterations} L-BFGS iterations) | ≤ 30 s |`,
    `| score a 1-hour matrix (45,000 frames) with a fitted eventClassifier, p50 of 7 | ${score.p50.toFixed(0)} ms (max ${score.max.toFixed(0)} ms; ${events} events) | ≤ 1 s |`,
    `| compareDetectors, 8 configurations × 40 dev mixtures, 5 file folds for the two trained ones, bootstrap 200 | ${seconds(compareMs)} s | < 60 s |`,
    '',
    'Per configuration (`runMilliseconds`: scoring and fitting, not the scorecard):',
    '',
    '| configuration | s |',
    '|---|---:|',
    ...rows.map((r) => `| \`${r.configuration}\` | ${seconds(r.runMilliseconds)} |`),
    END,
  ].join('\n');
  console.log(section);
  if (!args['no-write']) writeMarkedSection(args.out, section, START, END);
}

await main();
