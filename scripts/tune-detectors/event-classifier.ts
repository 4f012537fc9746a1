/**
 * Chooses eventClassifier's defaults on the dev corpus only, with source-held-out folds
 * (source-folds.ts): for every setting, fit on each fold's training mixtures, score that fold's test
 * mixtures (sources never seen in training), pool the test files of all folds, and report the
 * issue's figures: class-agnostic event F1, frame AUROC, class-wise macro event F1.
 *
 *   node dist/scripts/tune-detectors/event-classifier.js [--model models/tokenscope-ref-v2]
 *     [--work /tmp/tokenscope-folds] [--folds 3] [--seed 7] [--grid '{"context":[1,2,3]}']
 *     [--post '{"threshold":[0.5,0.7,0.9],"merge":[1,3],"min":[1,2]}']
 */
import { join } from 'node:path';
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import { parseArgs } from 'node:util';
import { applyThreshold } from '../../src/analytics/thresholds/registry.js';
import { labelAnomalies } from '../../src/analytics/label-anomalies.js';
import { segmentEvents } from '../../src/analytics/segment-events.js';
import { classifyFrames, fitEventClassifier } from '../../src/analytics/models/event-classifier-model.js';
import type { EventClassifierSettings } from '../../src/analytics/models/event-classifier-model.js';
import { openTokenizer } from '../../src/tokenizer/open-tokenizer.js';
import { readManifest } from '../../src/tokenizer/model-manifest.js';
import { readModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import { packageRoot as repoRoot } from '../../src/jsutils/repo-root.js';
import { asExamples, encodedSet } from './encoded-set.js';
import type { EncodedFile } from './encoded-set.js';
import { figures } from './score-detections.js';
import type { Detections } from './score-detections.js';
import { buildSourceFolds } from './source-folds.js';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: join(repoRoot(), 'models', REFERENCE_MODEL_ID) },
    corpus: { type: 'string', default: join(process.env['TOKENSCOPE_SHARED'] ?? join(repoRoot(), '..', 'shared'), 'corpus') },
    work: { type: 'string', default: '/tmp/tokenscope-folds' },
    folds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    grid: { type: 'string', default: '{}' },
    post: { type: 'string', default: '{}' },
  },
});

const BASE: EventClassifierSettings = { context: 4, layers: 16, l2: 0.03, balance: 0.5, maxIterations: 60, backgroundPerEvent: 2 };
const POST = { threshold: [0.5, 0.6, 0.7, 0.8, 0.9], merge: [1, 3], min: [1, 2, 3], ...(JSON.parse(args.post) as object) } as { threshold: number[]; merge: number[]; min: number[] };

/** Every combination of the grid's values over BASE. */
function expand(grid: Record<string, unknown[]>): EventClassifierSettings[] {
  let out: EventClassifierSettings[] = [BASE];
  for (const [key, values] of Object.entries(grid)) out = out.flatMap((s) => values.map((v) => ({ ...s, [key]: v })));
  return out;
}

interface Scored {
  readonly file: EncodedFile;
  readonly event: Float64Array;
  readonly classes: Float32Array;
}

function detections(scored: readonly Scored[], classes: readonly string[], threshold: number, merge: number, min: number): Detections[] {
  return scored.map(({ file, event, classes: p }) => {
    const flagged = applyThreshold(event, { rule: 'fixed', value: threshold, comparison: 'GREATER_THAN' }).flagged;
    const events = labelAnomalies(segmentEvents(flagged, event, { mergeGapFrames: merge, minEventFrames: min, padFrames: 0 }), { labels: classes, probabilities: p });
    return {
      name: file.name,
      frames: file.matrix.frames,
      reference: file.spans,
      estimated: events.map((e) => ({ start: e.startSeconds, end: e.endSeconds, label: e.label! })),
      scores: event,
    };
  });
}

async function main(): Promise<void> {
  const modelDir = args.model;
  const manifest = await readManifest(modelDir);
  const codebooks = await readModelCodebooks({ dir: modelDir, manifest });
  const tokenizer = await openTokenizer(modelDir, { device: 'cpu' });
  const folds = buildSourceFolds(args.corpus, args.work, { folds: Number(args.folds), seed: Number(args.seed), mixtures: 40 });
  const sets = [];
  for (const fold of folds) sets.push({ fold: fold.fold, train: await encodedSet(fold.train, tokenizer), test: await encodedSet(fold.test, tokenizer) });
  await tokenizer.close();
  const classes = [...new Set(sets.flatMap((s) => [...s.train, ...s.test]).flatMap((f) => f.spans.map((l) => l.label)))].sort();
  console.log(`model ${manifest.id}; ${folds.length} source folds; classes ${classes.join(', ')}`);
  for (const s of sets) console.log(`fold ${s.fold}: ${s.train.length} training mixtures, ${s.test.length} test mixtures`);

  for (const settings of expand(JSON.parse(args.grid) as Record<string, unknown[]>)) {
    const started = performance.now();
    const scored: Scored[] = [];
    const iterations: number[] = [];
    for (const s of sets) {
      const model = await fitEventClassifier(asExamples(s.train), codebooks, settings, []);
      iterations.push(model.softmax.iterations);
      for (const file of s.test) scored.push({ file, ...classifyFrames(model, file.matrix, codebooks) });
    }
    const fitSeconds = (performance.now() - started) / 1000;
    const rows = POST.threshold.flatMap((t) => POST.merge.flatMap((m) => POST.min.map((n) => ({ t, m, n, ...figures(detections(scored, classes, t, m, n), classes) }))));
    rows.sort((a, b) => b.eventF1 - a.eventF1);
    const best = rows[0]!;
    console.log(
      `${JSON.stringify(settings)} (${fitSeconds.toFixed(1)} s, ${iterations.join('/')} iterations): AUROC ${best.frameAuroc.toFixed(3)}; best event F1 ${best.eventF1.toFixed(3)} macro ${best.macroEventF1.toFixed(3)} at p>${best.t} merge ${best.m} min ${best.n}`,
    );
    for (const r of rows.slice(0, 3)) console.log(`   p>${r.t} m${r.m} n${r.n}: F1 ${r.eventF1.toFixed(3)} macro ${r.macroEventF1.toFixed(3)} micro ${r.microEventF1.toFixed(3)} ${Object.entries(r.classF1).map(([c, v]) => `${c} ${v.toFixed(2)}`).join(' ')}`);
  }
}

await main();
