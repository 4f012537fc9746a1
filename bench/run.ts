import { mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings } from '../src/config/settings.js';
import { createApp } from '../src/main.js';
import type { App } from '../src/main.js';
import { BENCH_MODEL, benchPlan, buildCorpora, holdsPlan, removeDatabase, savedIngestFigures, tokensOf } from './build-corpus.js';
import { describeMachine } from './machine.js';
import { measureColdTokens } from './measure-cold-tokens.js';
import { measureDetect } from './measure-detect.js';
import { measureHttp } from './measure-http.js';
import { measureLayerStats } from './measure-layer-stats.js';
import { renderSection, verdicts, writeSection } from './report.js';
import { prepareHttpCorpora, writeIngestAudio } from './http-fixtures.js';
import { renderServingSection, servingVerdicts, writeServingSection } from './http-report.js';
import type { BenchReport } from './report.js';
import { integerOption } from './integer-option.js';

const USAGE = `usage: npm run bench -- [--hours 100] [--db bench/.data/bench.duckdb] [--runs 20] [--warmup 3]
                          [--clients 32] [--requests 20000] [--ingest-minutes 30]
                          [--out docs/benchmarks.md | --no-write] [--rebuild]`;

/** Benchmark options, from the command line. */
interface Options {
  /** Hours of audio in the two corpora together (a multiple of 1; 100 for the figures). */
  hours: number;
  db: string;
  /** Timed repetitions per measurement. */
  runs: number;
  /** Untimed repetitions before them. */
  warmup: number;
  /** Concurrent HTTP clients. */
  clients: number;
  /** HTTP requests of the warm phase (a fifth of them without the cache). */
  requests: number;
  /** Minutes of audio ingested during the last HTTP phase. */
  ingestMinutes: number;
  /** Markdown file the report goes into, or null to print only. */
  out: string | null;
  /** Build the corpus again even when the database already holds it. */
  rebuild: boolean;
}

function integer(name: string, raw: string, min: number): number {
  return integerOption(name, raw, min, USAGE);
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      hours: { type: 'string', default: '100' },
      db: { type: 'string', default: 'bench/.data/bench.duckdb' },
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      clients: { type: 'string', default: '32' },
      requests: { type: 'string', default: '20000' },
      'ingest-minutes': { type: 'string', default: '30' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'no-write': { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    hours: integer('hours', values.hours, 1),
    db: resolve(values.db),
    runs: integer('runs', values.runs, 1),
    warmup: integer('warmup', values.warmup, 0),
    clients: integer('clients', values.clients, 1),
    requests: integer('requests', values.requests, 1),
    ingestMinutes: integer('ingest-minutes', values['ingest-minutes'], 1),
    out: values['no-write'] ? null : resolve(values.out),
    rebuild: values.rebuild,
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function open(db: string): Promise<App> {
  // No result cache: these measurements time the computation of each answer, not a cache hit.
  return createApp(loadSettings({ dbPath: db, dataRoots: [], apiKey: null, host: '127.0.0.1', port: 0, cacheBytes: 0 }));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  const date = new Date().toISOString();
  const plan = benchPlan(options.hours);
  const plans = [plan.a, plan.b, plan.detect];
  mkdirSync(dirname(options.db), { recursive: true });

  let app = await open(options.db);
  let appOpen = true;
  const closeApp = async () => {
    if (appOpen) await app.close();
    appOpen = false;
  };
  let ingest = savedIngestFigures(options.db);
  const reuse = !options.rebuild && ingest !== null && (await holdsPlan(app.store, plans));
  try {
    if (!reuse) {
      await app.close();
      removeDatabase(options.db);
      app = await open(options.db);
      log(`building ${options.hours} hours of synthetic codes in ${options.db}`);
      ingest = await buildCorpora(app.store, options.db, plans, log);
    } else {
      log(`reusing the ${options.hours}-hour corpus in ${options.db} (built ${ingest!.builtAt}); --rebuild builds it again`);
    }
    const machine = await describeMachine(app.store);
    const reps = { warmup: options.warmup, runs: options.runs };
    const [detectAudio] = await app.store.audios.listByCorpus((await app.store.corpora.requireByNames([plan.detect.name]))[0]!.id, 1);
    if (detectAudio?.model !== BENCH_MODEL) throw new Error(`corpus ${plan.detect.name} holds no synthetic audio`);

    log('layerStats: API vs pre-aggregates vs full scan');
    const layerStats = await measureLayerStats(app, [plan.a.name, plan.b.name], reps);
    log('coldTokens');
    const coldTokens = await measureColdTokens(app, plan.a.name, plan.b.name, reps);
    log('detect');
    const detect = await measureDetect(app, detectAudio.id, reps);

    const shortAudioId = await prepareHttpCorpora(app.store);
    const ingestFolder = await writeIngestAudio(join(dirname(options.db), 'http-ingest'), options.ingestMinutes);
    const frames = plans.reduce((a, p) => a + p.audios * p.frames, 0);
    const corpus = { audios: plans.reduce((a, p) => a + p.audios, 0), frames, tokens: tokensOf(frames), databaseBytes: statSync(options.db).size };
    // The servers of the HTTP part open the file themselves: DuckDB lets one process hold it.
    await closeApp();
    log(`HTTP: ${options.clients} clients, the dashboard mix, servers in their own processes`);
    const http = await measureHttp(
      { db: options.db, ingestFolder, ingestSeconds: options.ingestMinutes * 60, shortAudioId, corpora: [plan.a.name, plan.b.name] },
      options.clients,
      options.requests,
      log,
    );

    const command = argv.length ? `npm run bench -- ${argv.join(' ')}` : 'npm run bench';
    const report: BenchReport = {
      date,
      machine,
      command,
      hours: options.hours,
      warmup: options.warmup,
      runs: options.runs,
      corpus,
      ingest: ingest!,
      loadAverageAtEnd: loadavg()[0]!,
      ingestReused: reuse,
      layerStats,
      coldTokens,
      detect,
    };
    const section = renderSection(report);
    const serving = renderServingSection({ date, machine, command, hours: options.hours, loadAverageAtEnd: loadavg()[0]!, http });
    console.log(section);
    console.log(serving);
    if (options.out) {
      writeSection(options.out, section);
      writeServingSection(options.out, serving);
      log(`wrote ${options.out}`);
    }
    const missed = Object.entries({ ...verdicts(report), ...servingVerdicts(http) }).filter(([, pass]) => !pass).map(([name]) => name);
    if (missed.length) log(`goals missed: ${missed.join(', ')}`);
  } finally {
    await closeApp();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
