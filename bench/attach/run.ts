import { deepStrictEqual } from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CodeWindowDocument, ColdTokensDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { attachDataset, detachDataset } from '../../src/datasets/attach-dataset.js';
import { exportDataset } from '../../src/datasets/export-dataset.js';
import { ALL_LAYERS } from '../../src/domain/contract.js';
import { benchPlan, openBenchCorpus } from '../build-corpus.js';
import { execute, prepare } from '../execute.js';
import { summarise } from '../timing.js';
import type { Repetitions, Timing } from '../timing.js';

const USAGE = `usage: npm run bench:attach -- [--hours 100] [--db bench/.data/attach.duckdb] [--out bench/.data/attach] [--runs 30]
Builds (or reuses) the synthetic bench corpora of --hours hours and their Parquet export, attaches
the export read-only as "bench", and times layerStats (16 layers), coldTokens (limit 50, 3
occurrences each) and a 250-frame code window through the API, native against attached (their
answers checked equal first), the two in turns. No result cache. Prints a Markdown table for docs/benchmarks.md.`;

const NAME = 'bench';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}


/** An answer with corpus names and audio ids taken out, so native and attached compare. */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'corpora' || k === 'id' || k === 'audio' ? null : v)));
}

/**
 * Times `native` and `attached` in turns (native, attached, native, …), so a change of the
 * machine's load during the run weighs on both alike.
 */
async function alternately(native: () => Promise<unknown>, attached: () => Promise<unknown>, { warmup, runs }: Repetitions): Promise<{ native: Timing; attached: Timing }> {
  for (let i = 0; i < warmup; i++) await Promise.all([native(), attached()]);
  const times = { native: new Float64Array(runs), attached: new Float64Array(runs) };
  for (let i = 0; i < runs; i++) {
    for (const [key, work] of [['native', native], ['attached', attached]] as const) {
      const t = performance.now();
      await work();
      times[key][i] = performance.now() - t;
    }
  }
  return { native: summarise(times.native), attached: summarise(times.attached) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hours: { type: 'string', default: '100' },
      db: { type: 'string', default: 'bench/.data/attach.duckdb' },
      out: { type: 'string', default: 'bench/.data/attach' },
      runs: { type: 'string', default: '30' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const db = resolve(values.db);
  const dataset = join(resolve(values.out), 'dataset');
  const reps = { warmup: 3, runs: Number(values.runs) };
  const plan = benchPlan(Number(values.hours));
  const app = await openBenchCorpus(db, Number(values.hours), log);
  try {
    if (!existsSync(join(dataset, 'dataset.json'))) {
      log(`exporting to ${dataset}`);
      mkdirSync(dirname(dataset), { recursive: true });
      await exportDataset(app.store, { kind: 'all' }, dataset);
    }
    if (app.store.attached.byName(NAME)) await detachDataset(app.store, NAME);
    log('attaching');
    const t = performance.now();
    const attached = await attachDataset(app.store, dataset, NAME);
    const attachSeconds = (performance.now() - t) / 1000;
    const [a, b] = [plan.a.name, plan.b.name];
    const [nativeAudio] = await app.store.audios.listByCorpus((await app.store.corpora.requireByNames([a]))[0]!.id, 1, 0);
    const attachedAudio = (await app.store.audios.listByCorpus((await app.store.corpora.requireByNames([`${NAME}/${a}`]))[0]!.id, 300, 0)).at(-1)!;
    const midNative = (await app.store.audios.listByCorpus(nativeAudio!.corpusId, 300, 0)).at(-1)!;
    const cases = [
      { what: `layerStats ${a} (16 layers)`, native: prepare(LayerStatsDocument, { corpora: [a], layers: [...ALL_LAYERS], top: 5 }), attached: prepare(LayerStatsDocument, { corpora: [`${NAME}/${a}`], layers: [...ALL_LAYERS], top: 5 }) },
      { what: `layerStats ${a} + ${b}`, native: prepare(LayerStatsDocument, { corpora: [a, b], layers: [...ALL_LAYERS], top: 5 }), attached: prepare(LayerStatsDocument, { corpora: [`${NAME}/${a}`, `${NAME}/${b}`], layers: [...ALL_LAYERS], top: 5 }) },
      { what: `coldTokens ${a} → ${b} (limit 50, 3 occurrences)`, native: prepare(ColdTokensDocument, { reference: a, target: b, limit: 50, occurrences: 3 }), attached: prepare(ColdTokensDocument, { reference: `${NAME}/${a}`, target: `${NAME}/${b}`, limit: 50, occurrences: 3 }) },
      { what: 'code window, frames 1000..1249 of one audio', native: prepare(CodeWindowDocument, { id: String(midNative.id), startFrame: 1000, frameCount: 250 }), attached: prepare(CodeWindowDocument, { id: String(attachedAudio.id), startFrame: 1000, frameCount: 250 }) },
    ] as const;
    const rows: { what: string; native: Timing; attached: Timing }[] = [];
    for (const c of cases) {
      log(c.what);
      deepStrictEqual(comparable(await execute(app, c.attached as never)), comparable(await execute(app, c.native as never)), `${c.what}: attached and native answers differ`);
      rows.push({ what: c.what, ...(await alternately(() => execute(app, c.native as never), () => execute(app, c.attached as never), reps)) });
    }
    const summaries = await app.store.corpora.summaries((await app.store.corpora.list()).filter((c) => !c.attached).map((c) => c.id));
    const frames = summaries.reduce((n, s) => n + s.frameCount, 0);
    const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
    console.log(`${summaries.reduce((n, s) => n + s.audioCount, 0)} audios, ${frames.toLocaleString('en-US')} frames (${(frames / 12.5 / 3600).toFixed(1)} h); attach (checks included) ${attachSeconds.toFixed(1)} s, ${attached.files.length} files; ${reps.runs} runs after ${reps.warmup} warm-up; load average ${load}\n`);
    console.log('| query | native p50 | native p95 | attached p50 | attached p95 | bar | result |');
    console.log('|---|---:|---:|---:|---:|---|---|');
    for (const r of rows) {
      const bar = r.what.startsWith('layerStats') ? '≤ 100 ms (p50, attached)' : '—';
      const result = bar === '—' ? '—' : r.attached.p50 <= 100 ? '**PASS**' : 'FAIL';
      console.log(`| ${r.what} | ${r.native.p50.toFixed(1)} ms | ${r.native.p95.toFixed(1)} ms | ${r.attached.p50.toFixed(1)} ms | ${r.attached.p95.toFixed(1)} ms | ${bar} | ${result} |`);
    }
    await detachDataset(app.store, NAME);
  } finally {
    await app.close();
  }
}

await main();
