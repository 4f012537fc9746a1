import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportDataset } from '../../src/datasets/export-dataset.js';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { copyNestedCodes } from '../../src/store/parquet-dataset.js';
import { openBenchApp, openBenchCorpus, removeDatabase } from '../build-corpus.js';

const USAGE = `usage: npm run bench:datasets -- [--hours 100] [--db bench/.data/datasets.duckdb] [--out bench/.data/datasets]
Builds (or reuses) the synthetic bench corpora of --hours hours, then, each in a fresh process so its
peak RSS is its own: exports them as a Parquet dataset, writes the codes once more in the nested
[layers][frames] layout for comparison, and imports the dataset into a fresh database. Prints a
Markdown table for docs/benchmarks.md.`;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}


/** Bytes of the files under `dir`. */
function bytesUnder(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const s = statSync(join(dir, String(entry)));
    if (s.isFile()) n += s.size;
  }
  return n;
}

/** One measured phase, run in this process (a child of the main run): prints its figures as JSON on stdout. */
async function phase(name: string, db: string, out: string): Promise<void> {
  const app = await openBenchApp(db);
  try {
    const t = performance.now();
    let detail: Record<string, unknown> = {};
    if (name === 'export') {
      const written = await exportDataset(app.store, { kind: 'all' }, join(out, 'dataset'));
      detail = { rows: written.rows, bytes: bytesUnder(written.path) };
    } else if (name === 'nested') {
      const ids = (await app.store.corpora.list()).map((c) => c.id);
      mkdirSync(join(out, 'nested'), { recursive: true });
      detail = { rows: await copyNestedCodes(app.store.db, ids, join(out, 'nested')), bytes: bytesUnder(join(out, 'nested')) };
    } else {
      detail = { ...(await importDataset(app.store, join(out, 'dataset'))) };
      await app.store.db.checkpoint();
    }
    const seconds = (performance.now() - t) / 1000;
    process.stdout.write(`${JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, ...detail })}\n`);
  } finally {
    await app.close();
  }
}

function runPhase(name: string, db: string, out: string): Record<string, unknown> & { seconds: number; peakRssMiB: number } {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', name, '--db', db, '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`phase ${name} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown> & { seconds: number; peakRssMiB: number };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { hours: { type: 'string', default: '100' }, db: { type: 'string', default: 'bench/.data/datasets.duckdb' }, out: { type: 'string', default: 'bench/.data/datasets' }, phase: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) return void console.log(USAGE);
  const db = resolve(values.db);
  const out = resolve(values.out);
  if (values.phase) return phase(values.phase, values.phase === 'import' ? `${db}.imported.duckdb` : db, out);
  const hours = Number(values.hours);
  const app = await openBenchCorpus(db, hours, log);
  const summaries = await app.store.corpora.summaries((await app.store.corpora.list()).map((c) => c.id));
  await app.close();
  const frames = summaries.reduce((n, s) => n + s.frameCount, 0);
  const audios = summaries.reduce((n, s) => n + s.audioCount, 0);
  rmSync(out, { recursive: true, force: true });
  removeDatabase(`${db}.imported.duckdb`);
  mkdirSync(out, { recursive: true });
  log('export');
  const exported = runPhase('export', db, out);
  log('nested codes');
  const nested = runPhase('nested', db, out);
  log('import');
  const imported = runPhase('import', db, out);
  const storeBytes = statSync(db).size;
  const hoursStored = frames / 12.5 / 3600;
  const mb = (b: unknown) => (Number(b) / 1e6).toFixed(0);
  const rate = (s: number) => `${(hoursStored / (s / 60)).toFixed(0)} h/min`;
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  console.log(`${audios} audios, ${frames.toLocaleString('en-US')} frames (${hoursStored.toFixed(1)} h); store file ${mb(storeBytes)} MB; load average ${load}\n`);
  console.log('| step | wall s | rate | peak RSS | on disk | bar | result |');
  console.log('|---|---:|---:|---:|---:|---|---|');
  console.log(`| export (all tables, frames wide) | ${exported.seconds.toFixed(1)} | ${rate(exported.seconds)} | ${exported.peakRssMiB.toFixed(0)} MiB | ${mb(exported['bytes'])} MB | ≤ 60 s (100 h) | ${exported.seconds <= 60 * (hours / 100) ? '**PASS**' : 'FAIL'} |`);
  console.log(`| codes only, nested [layers][frames] (one row per audio) | ${nested.seconds.toFixed(1)} | ${rate(nested.seconds)} | ${nested.peakRssMiB.toFixed(0)} MiB | ${mb(nested['bytes'])} MB | — | — |`);
  console.log(`| import into a fresh database | ${imported.seconds.toFixed(1)} | ${rate(imported.seconds)} | ${imported.peakRssMiB.toFixed(0)} MiB | — | ≤ 120 s (100 h) | ${imported.seconds <= 120 * (hours / 100) ? '**PASS**' : 'FAIL'} |`);
  const rows = exported['rows'] as Record<string, number>;
  console.log(`\nrows: ${Object.entries(rows).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`);
  for (const t of Object.keys(rows)) console.log(`  ${t}: ${mb(bytesUnder(join(out, 'dataset', t)))} MB`);
}

await main();
