/**
 * The detector report of docs/detectors.md: every strategy at its defaults (and the best settings
 * found), on the dev mixtures with file folds and with source-held-out folds, per class, with paired
 * bootstrap differences against the guide's detector. Everything goes through the product's own
 * API (compareDetectors, pairedDifference) on a store built here.
 *
 *   npm run build && node dist/scripts/tune-detectors/report.js [--db /tmp/tokenscope-report.duckdb]
 *     [--work /tmp/tokenscope-folds] [--out docs/detectors.md | --no-write] [--bootstrap 1000]
 *
 * Source-held-out folds: scripts/tune-detectors/source-folds.ts (needs python3 with numpy once).
 * For fold k, supervised strategies train on fold k's training mixtures and reference strategies
 * use fold k's training speech and backgrounds as normal sound; both are scored on fold k's test
 * mixtures, whose clips, speakers and backgrounds they never saw.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CompareDetectorsDocument, CorporaDocument, IngestAudioDocument, IngestJobDocument, PairedDifferenceDocument } from '../../src/client/generated/graphql.js';
import type { CompareDetectorsMutation } from '../../src/client/generated/graphql.js';
import { loadSettings } from '../../src/config/settings.js';
import { packageRoot } from '../../src/jsutils/repo-root.js';
import { createApp } from '../../src/main.js';
import type { App } from '../../src/main.js';
import { execute, prepare } from '../../bench/execute.js';
import { writeMarkedSection } from '../../bench/report.js';
import { buildSourceFolds } from './source-folds.js';

const START = '<!-- report:detectors:start -->';
const END = '<!-- report:detectors:end -->';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/tokenscope-report.duckdb' },
    work: { type: 'string', default: '/tmp/tokenscope-folds' },
    corpus: { type: 'string', default: join(process.env['TOKENSCOPE_SHARED'] ?? join(packageRoot(), '..', 'shared'), 'corpus') },
    out: { type: 'string', default: 'docs/detectors.md' },
    'no-write': { type: 'boolean', default: false },
    bootstrap: { type: 'string', default: '1000' },
  },
});

type Run = CompareDetectorsMutation['compareDetectors'];
type Row = Run['rows'][number];

/** The strategies, named for the tables, as configurations for a training and a reference corpus. */
function strategies(training: string, reference: string): { label: string; detector: { name: string; params?: Record<string, unknown> } }[] {
  const merge = { segmenter: { mergeGapFrames: 3, minEventFrames: 2 } };
  return [
    { label: 'keyLayerVariance (guide §4.2)', detector: { name: 'keyLayerVariance' } },
    { label: 'interLayerSpread (guide §5.1)', detector: { name: 'interLayerSpread' } },
    { label: 'coldTokens (guide §5.2)', detector: { name: 'coldTokens', params: { reference } } },
    { label: 'tokenSurprisal', detector: { name: 'tokenSurprisal', params: { reference } } },
    { label: 'distributionShift', detector: { name: 'distributionShift', params: { reference } } },
    { label: 'changeRate', detector: { name: 'changeRate' } },
    { label: 'tokenEnrichment, p90 + merge 3 + min 2', detector: { name: 'tokenEnrichment', params: { training, threshold: { rule: 'percentile', percentile: 90 }, ...merge } } },
    { label: 'embeddingChange, merge 3 + min 2', detector: { name: 'embeddingChange', params: merge } },
    { label: 'embeddingNovelty', detector: { name: 'embeddingNovelty', params: { reference } } },
    { label: 'embeddingNovelty, merge 3 + min 2', detector: { name: 'embeddingNovelty', params: { reference, ...merge } } },
    { label: 'eventClassifier (defaults)', detector: { name: 'eventClassifier', params: { training } } },
  ];
}

/** The dev speech folders and background files outside a fold's held-out groups (the corpus's own files, not the fold's links). */
function normalSound(corpus: string, heldOut: readonly string[]): string[] {
  const held = new Set(heldOut);
  const speakers = readdirSync(join(corpus, 'speech')).filter((s) => !held.has(`speaker:${s}`)).map((s) => join(corpus, 'speech', s));
  const backgrounds = readdirSync(join(corpus, 'background')).filter((b) => b.endsWith('.wav') && !held.has(`background:${b}`)).map((b) => join(corpus, 'background', b));
  return [...speakers, ...backgrounds].sort();
}

async function ingest(app: App, corpus: string, paths: string[]): Promise<void> {
  const { id } = (await execute(app, prepare(IngestAudioDocument, { corpus, paths }))).ingestAudio;
  await app.services.audio.jobs.idle();
  const job = (await execute(app, prepare(IngestJobDocument, { id }))).ingestJob;
  const failed = job.results.filter((r) => r.status !== 'INGESTED');
  if (failed.length) throw new Error(`ingest of ${corpus}: ${failed.length} files failed`);
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));
const f2 = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(2));
const ci = (m: { value?: number | null; low?: number | null; high?: number | null }) => `${f3(m.value)} [${f3(m.low)}–${f3(m.high)}]`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const settings = loadSettings({ dbPath: args.db, device: 'cpu', dataRoots: [args.corpus, args.work] });
  const folds = buildSourceFolds(args.corpus, args.work, { folds: 3, seed: 7, mixtures: 40 });
  const app = await createApp(settings);
  try {
    const have = new Set((await execute(app, prepare(CorporaDocument, {}))).corpora.map((c) => c.name));
    const wanted: [string, string[]][] = [
      ['dev', [join(args.corpus, 'mixtures')]],
      ['dev-normal', [join(args.corpus, 'speech'), join(args.corpus, 'background')]],
      ...folds.flatMap((f): [string, string[]][] => [
        [`fold${f.fold}-train`, [f.train]],
        [`fold${f.fold}-test`, [f.test]],
        [`fold${f.fold}-normal`, normalSound(args.corpus, f.heldOut)],
      ]),
    ];
    for (const [name, paths] of wanted) if (!have.has(name)) await ingest(app, name, paths);
    const bootstrap = Number(args.bootstrap);
    const compare = async (corpus: string, training: string, reference: string): Promise<{ run: Run; labels: Map<string, string> }> => {
      const list = strategies(training, reference);
      const run = (await execute(app, prepare(CompareDetectorsDocument, { corpus, detectors: list.map((s) => s.detector), bootstrap, folds: 5, seed: 1, name: `report ${corpus}` }))).compareDetectors;
      // Rows are ranked; a row's configuration is the detector name and the parameters as given.
      const labels = new Map<string, string>();
      for (const s of list) labels.set(`${s.detector.name} ${JSON.stringify(s.detector.params ?? {})}`, s.label);
      return { run, labels };
    };
    const dev = await compare('dev', 'dev', 'dev-normal');
    const held = [];
    for (const f of folds) held.push(await compare(`fold${f.fold}-test`, `fold${f.fold}-train`, `fold${f.fold}-normal`));

    const byLabel = (r: { run: Run; labels: Map<string, string> }) => new Map(r.run.rows.map((row) => [r.labels.get(row.configuration) ?? row.configuration, row]));
    const devRows = byLabel(dev);
    const heldRows = held.map(byLabel);
    const labels = strategies('x', 'y').map((s) => s.label);
    const macro = (row: Row | undefined) => row?.classAware?.classWiseAverage.event.f1.value;
    const paired = async (r: { run: Run; labels: Map<string, string> }, label: string) => {
      const rows = byLabel(r);
      const a = rows.get(label)!.configuration;
      const b = rows.get(labels[0]!)!.configuration;
      return (await execute(app, prepare(PairedDifferenceDocument, { id: r.run.id, a, b, iterations: bootstrap }))).evaluationRun.pairedDifference;
    };

    const lines: string[] = [START, '## Every strategy, file folds and source-held-out folds', ''];
    lines.push(
      `Measured ${new Date().toISOString().slice(0, 10)} with \`node dist/scripts/tune-detectors/report.js\` (after \`npm run build\`), encoder \`${settings.defaultModel}\`` +
        ` (trained without the mixtures), bootstrap ${bootstrap} over files, seed 1. **File folds**: the 40 dev mixtures, supervised strategies cross-validated in 5 file folds, reference strategies on \`dev-normal\` (the dev speech and backgrounds, which the mixtures are made of: optimistic). ` +
        `**Source-held-out**: 3 folds built from the clips (scripts/tune-detectors/source-folds.ts): 40 training and 40 test mixtures per fold, no clip source, speaker or background shared; supervised strategies train on the fold's training mixtures (TRANSFER rows), reference strategies use the fold's training speech and backgrounds; figures are the mean of the 3 folds, with the folds' range.`,
      '',
      '| strategy | file folds: event F1 [95 % CI] | frame AUROC | class macro F1 | source-held-out: event F1 (range) | frame AUROC (range) | class macro F1 |',
      '|---|---|---|---:|---|---|---:|',
    );
    for (const label of labels) {
      const d = devRows.get(label);
      const h = heldRows.map((m) => m.get(label)).filter((r): r is Row => r !== undefined);
      const e = h.map((r) => r.event.f1.value ?? NaN);
      const a = h.map((r) => r.frame.auroc.value ?? NaN);
      const m = h.map((r) => macro(r)).filter((v): v is number => typeof v === 'number');
      lines.push(
        `| ${label} | ${d ? ci(d.event.f1) : '–'} | ${d ? ci(d.frame.auroc) : '–'} | ${f3(macro(d))} | ${f3(mean(e))} (${f3(Math.min(...e))}–${f3(Math.max(...e))}) | ${f3(mean(a))} (${f3(Math.min(...a))}–${f3(Math.max(...a))}) | ${m.length ? f3(mean(m)) : '–'} |`,
      );
    }
    const classes = dev.run.classes;
    lines.push('', '### Per class, source-held-out (mean of the folds)', '', 'Event recall / frame AUROC per class for every strategy; for the class-aware eventClassifier also its class-wise event F1 (sed_eval, class must match).', '');
    lines.push(`| strategy | ${classes.join(' | ')} |`, `|---|${classes.map(() => '---').join('|')}|`);
    for (const label of labels) {
      const h = heldRows.map((m) => m.get(label)).filter((r): r is Row => r !== undefined);
      const cells = classes.map((c: string) => {
        const per = h.map((r) => r.classes.find((x) => x.label === c)).filter((x) => x !== undefined);
        return `${f2(mean(per.map((x) => x!.eventRecall.value ?? NaN)))} / ${f2(mean(per.map((x) => x!.frameAuroc.value ?? NaN)))}`;
      });
      lines.push(`| ${label} | ${cells.join(' | ')} |`);
    }
    const ec = heldRows.map((m) => m.get('eventClassifier (defaults)')).filter((r): r is Row => r !== undefined);
    lines.push(`| eventClassifier class-wise event F1 | ${classes.map((c: string) => f2(mean(ec.map((r) => r.classAware?.classWise.find((x) => x.label === c)?.event.f1.value ?? NaN)))).join(' | ')} |`);

    lines.push('', '### Paired differences against the guide (event F1 and frame AUROC, strategy − keyLayerVariance)', '');
    lines.push('Paired bootstrap: each resample draws the same files for both rows. Source-held-out: one interval per fold.', '');
    lines.push('| strategy | file folds: Δ event F1 [95 % CI] | Δ AUROC [95 % CI] | source-held-out Δ event F1 per fold | Δ AUROC per fold |', '|---|---|---|---|---|');
    const dci = (x: { difference?: number | null; low?: number | null; high?: number | null }) => `${f3(x.difference)} [${f3(x.low)}–${f3(x.high)}]`;
    for (const label of labels.slice(1)) {
      const d = await paired(dev, label);
      const hs = [];
      for (const h of held) hs.push(await paired(h, label));
      lines.push(`| ${label} | ${dci(d.eventF1)} | ${dci(d.frameAuroc)} | ${hs.map((x) => dci(x.eventF1)).join('; ')} | ${hs.map((x) => dci(x.frameAuroc)).join('; ')} |`);
    }
    lines.push('', `Runs: ${[dev, ...held].map((r) => `#${r.run.id} (${r.run.corpus.name})`).join(', ')} in \`${args.db}\`; reopen with \`tokenscope runs --db ${args.db} --show ID\`.`, END);
    const section = lines.join('\n');
    console.log(section);
    if (!args['no-write']) writeMarkedSection(args.out, section, START, END);
  } finally {
    await app.close();
  }
}

await main();
