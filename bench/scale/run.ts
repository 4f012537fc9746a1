import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { removeDatabase } from '../build-corpus.js';
import { integerOption } from '../integer-option.js';
import { runPhase } from './phases.js';
import type { PhaseRequest } from './phases.js';
import { compareAnswers, formatReport } from './report.js';
import type { StepFigures } from './report.js';
import { shardHours, shardPlan } from './shard-plan.js';

const USAGE = `usage: npm run bench:scale -- [--hours 1000] [--shards 8] [--jobs 2] [--out bench/.data/scale] [--runs 20]
                                [--memory-limit 1GB|none] [--merge-module PATH] [--attach-module PATH] [--rebuild]
Simulates a sharded corpus of --hours hours (two corpora, bench-a and bench-b, of 10-minute
synthetic audios, bench/synthetic-corpus.ts) written by --shards ingest processes, each shard its
own store built in its own process (--jobs at a time). Then, each step in a fresh process so that
its peak RSS is its own:
  1. exports every shard as a Parquet dataset (rate, peak RSS);
  2. layerStats / coldTokens p50 through the API on shard 1's store;
  3. the DuckDB SQL of docs/scale.md over the shard exports as one glob (no merge);
  4. merges the shards with mergeShards (when this build has it; "not available" otherwise) and,
     always, by importing the shard exports into one store;
  5. layerStats / coldTokens p50 on the merged store, and its export as one dataset;
  6. attaches that dataset with attachDataset (when available) and times the same queries;
  7. the import-merge and the merged export once more under DuckDB's memory_limit (--memory-limit),
     to show what they need rather than what DuckDB's buffer pool keeps.
Shard stores are reused when they hold the plan (--rebuild builds them again). Prints Markdown for
docs/scale.md and docs/benchmarks.md, and writes figures.json under --out.`;

function log(line: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Runs one step in a child process (this file with --phase) and returns its figures with wall seconds and peak RSS. */
function child(req: PhaseRequest): Promise<StepFigures> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, [fileURLToPath(import.meta.url), '--phase', JSON.stringify(req)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`step ${req.phase} failed (exit ${code})`));
      resolvePromise(JSON.parse(out.trim().split('\n').pop()!) as StepFigures);
    });
  });
}

/** Runs `tasks` with at most `jobs` at a time, results in task order. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

async function inChild(raw: string): Promise<void> {
  const req = JSON.parse(raw) as PhaseRequest;
  const t = performance.now();
  const detail = await runPhase(req);
  const seconds = (performance.now() - t) / 1000;
  process.stdout.write(`${JSON.stringify({ ...detail, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hours: { type: 'string', default: '1000' },
      shards: { type: 'string', default: '8' },
      jobs: { type: 'string', default: '2' },
      runs: { type: 'string', default: '20' },
      out: { type: 'string', default: 'bench/.data/scale' },
      'memory-limit': { type: 'string', default: '1GB' },
      'merge-module': { type: 'string' },
      'attach-module': { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      phase: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (values.phase) return inChild(values.phase);
  const hours = integerOption('hours', values.hours, 1, USAGE);
  const shards = integerOption('shards', values.shards, 1, USAGE);
  const jobs = integerOption('jobs', values.jobs, 1, USAGE);
  const reps = { warmup: 3, runs: integerOption('runs', values.runs, 1, USAGE) };
  const out = resolve(values.out);
  const plans = Array.from({ length: shards }, (_, i) => shardPlan(hours, shards, i + 1));
  const perShardHours = shardHours(plans[0]!);
  const load: number[] = [];
  const sampler = setInterval(() => load.push(loadavg()[0]!), 5000);
  const started = Date.now();
  try {
    mkdirSync(out, { recursive: true });
    const shardDb = (i: number) => join(out, `shard-${i}.duckdb`);
    const shardExport = (i: number) => join(out, 'exports', `shard-${i}`);
    if (values.rebuild) for (const p of plans) removeDatabase(shardDb(p.shard));
    log(`building ${shards} shard stores of ${perShardHours.toFixed(1)} h each (${plans[0]!.audiosPerCorpus} audios per corpus and shard), ${jobs} at a time`);
    const builds = await pool(plans.map((plan) => () => child({ phase: 'build', db: shardDb(plan.shard), plan }).then((f) => (log(`  shard ${plan.shard}: ${f['reused'] ? 'reused' : `built in ${f.seconds.toFixed(1)} s`}`), f))), jobs);
    rmSync(join(out, 'exports'), { recursive: true, force: true });
    mkdirSync(join(out, 'exports'));
    log('exporting each shard (one process each, one at a time)');
    const exports: StepFigures[] = [];
    for (const p of plans) {
      exports.push(await child({ phase: 'export', db: shardDb(p.shard), out: shardExport(p.shard) }));
      log(`  shard ${p.shard}: ${exports.at(-1)!.seconds.toFixed(1)} s, peak RSS ${exports.at(-1)!.peakRssMiB.toFixed(0)} MiB`);
    }
    log('API queries on shard 1');
    const shardQueries = await child({ phase: 'queries', db: shardDb(1), reps, prefix: '' });
    log('docs/scale.md SQL over the shard exports (one glob)');
    const docSql = await child({ phase: 'docsql', dataset: join(out, 'exports', 'shard-*'), reps });
    log('merge with mergeShards');
    const merged = join(out, 'merged.duckdb');
    const merge = await child({ phase: 'merge', db: merged, shards: plans.map((p) => shardDb(p.shard)), module: values['merge-module'] });
    log(merge['skipped'] ? `  ${String(merge['skipped'])}` : `  ${merge.seconds.toFixed(1)} s`);
    log('merge by importing the shard exports into one store');
    const imported = join(out, 'imported.duckdb');
    const importMerge = await child({ phase: 'import', db: imported, datasets: plans.map((p) => shardExport(p.shard)) });
    log(`  ${importMerge.seconds.toFixed(1)} s`);
    const whole = merge['skipped'] ? imported : merged;
    log(`API queries on the merged store (${whole})`);
    const wholeQueries = await child({ phase: 'queries', db: whole, reps, prefix: '' });
    log('export of the merged store as one dataset');
    const wholeDir = join(out, 'merged-dataset');
    rmSync(wholeDir, { recursive: true, force: true });
    const wholeExport = await child({ phase: 'export', db: whole, out: wholeDir });
    log('attach the merged dataset');
    const attach = await child({ phase: 'attach', db: join(out, 'attach.duckdb'), dir: wholeDir, reps, module: values['attach-module'] });
    if (attach['skipped']) log(`  ${String(attach['skipped'])}`);
    const memoryLimit = values['memory-limit'] === 'none' ? undefined : values['memory-limit'];
    let limited: { limit: string; importMerge: StepFigures; wholeExport: StepFigures } | null = null;
    if (memoryLimit) {
      log(`import-merge and merged export again with DuckDB memory_limit ${memoryLimit}`);
      const importMergeLimited = await child({ phase: 'import', db: join(out, 'imported-limited.duckdb'), datasets: plans.map((p) => shardExport(p.shard)), memoryLimit });
      const limitedDir = join(out, 'merged-dataset-limited');
      rmSync(limitedDir, { recursive: true, force: true });
      const wholeExportLimited = await child({ phase: 'export', db: whole, out: limitedDir, memoryLimit });
      limited = { limit: memoryLimit, importMerge: importMergeLimited, wholeExport: wholeExportLimited };
      removeDatabase(join(out, 'imported-limited.duckdb'));
      rmSync(limitedDir, { recursive: true, force: true });
    }
    const checks = [
      compareAnswers('docs/scale.md SQL over the 8 shard exports', docSql, wholeQueries),
      ...(attach['skipped'] ? [] : [compareAnswers('attached merged dataset', attach, wholeQueries)]),
    ];
    clearInterval(sampler);
    load.push(loadavg()[0]!);
    const figures = {
      hours,
      shards,
      jobs,
      perShardHours,
      reps,
      wallMinutes: (Date.now() - started) / 60000,
      load: { min: Math.min(...load), max: Math.max(...load), mean: load.reduce((a, b) => a + b, 0) / load.length },
      builds,
      exports,
      shardQueries,
      docSql,
      merge,
      importMerge,
      whole,
      wholeQueries,
      wholeExport,
      attach,
      limited,
      checks,
    };
    writeFileSync(join(out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(formatReport(figures, readFileSync('/proc/loadavg', 'utf8').trim()));
    if (checks.some((c) => !c.equal)) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
  }
}

await main();
