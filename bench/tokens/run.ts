import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ColdTokensDocument, RarefactionCurveDocument, RarefactionDocument, TokenBigramsDocument, TokenFrequenciesDocument, TokenOccurrencesDocument } from '../../src/client/generated/graphql.js';
import { loadSettings } from '../../src/config/settings.js';
import { createApp } from '../../src/main.js';
import type { App } from '../../src/main.js';
import { benchPlan, buildCorpora, holdsPlan, removeDatabase } from '../build-corpus.js';
import { execute, prepare } from '../execute.js';
import type { PreparedOperation } from '../execute.js';
import { integerOption } from '../integer-option.js';
import { measure } from '../timing.js';

/**
 * Times the token and corpus queries of issue 10 on the benchmark corpus (built in bench/.data on
 * first use, as `npm run bench` builds it): token search, top bigrams, rarefaction and a deep page
 * of cold tokens, through the API with the result cache off. Prints a Markdown table.
 */
const USAGE = 'usage: node dist/bench/tokens/run.js [--hours 100] [--db bench/.data/bench.duckdb] [--runs 10] [--warmup 2]';
const { values } = parseArgs({ options: { hours: { type: 'string', default: '100' }, db: { type: 'string', default: 'bench/.data/bench.duckdb' }, runs: { type: 'string', default: '10' }, warmup: { type: 'string', default: '2' } } });
const hours = integerOption('hours', values.hours, 1, USAGE);
const db = resolve(values.db);
const reps = { runs: integerOption('runs', values.runs, 1, USAGE), warmup: integerOption('warmup', values.warmup, 0, USAGE) };

const open = (): Promise<App> => createApp(loadSettings({ dbPath: db, dataRoots: [], apiKey: null, host: '127.0.0.1', port: 0, cacheBytes: 0 }));

mkdirSync(dirname(db), { recursive: true });
const plan = benchPlan(hours);
const plans = [plan.a, plan.b, plan.detect];
let app = await open();
try {
  if (!(await holdsPlan(app.store, plans))) {
    await app.close();
    removeDatabase(db);
    app = await open();
    process.stderr.write(`building ${hours} hours of synthetic codes in ${db}\n`);
    await buildCorpora(app.store, db, plans, (l) => process.stderr.write(`${l}\n`));
  }
  const [a, b] = [plan.a.name, plan.b.name];
  const top = (await execute(app, prepare(TokenFrequenciesDocument, { corpus: a, layer: 1, first: 2048 }))).tokenFrequencies.tokens;
  const common = top[0]!;
  const rare = top.at(-1)!;
  const rows: [string, PreparedOperation<unknown, Record<string, unknown>>][] = [
    [`tokenOccurrences, most common token of layer 1 (${common.token}, ${common.count} in ${a}), both corpora, first 20`, prepare(TokenOccurrencesDocument, { layer: 1, token: common.token, corpora: [a, b], first: 20 })],
    [`tokenOccurrences, rarest token of layer 1 (${rare.token}, ${rare.count} in ${a}), both corpora, first 20`, prepare(TokenOccurrencesDocument, { layer: 1, token: rare.token, corpora: [a, b], first: 20 })],
    [`tokenBigrams, ${b} layer 1, first 20`, prepare(TokenBigramsDocument, { corpus: b, layer: 1, first: 20 })],
    [`tokenBigrams, ${b} layer 12, first 1000`, prepare(TokenBigramsDocument, { corpus: b, layer: 12, first: 1000 })],
    [`rarefaction, ${a} and ${b}, 16 layers, default sizes, all three statistics`, prepare(RarefactionDocument, { corpora: [a, b] })],
    [`rarefaction, ${a} and ${b}, 16 layers, at the matched size only`, prepare(RarefactionDocument, { corpora: [a, b], frames: [plan.a.audios * plan.a.frames] })],
    [`rarefaction curve, ${a} and ${b}, 16 layers, default sizes, distinct tokens only`, prepare(RarefactionCurveDocument, { corpora: [a, b] })],
    [`coldTokens ${a} → ${b}, limit 1000, offset 1000, 3 occurrences`, prepare(ColdTokensDocument, { reference: a, target: b, maxReferenceCount: 1000000000, limit: 1000, offset: 1000, occurrences: 3 })],
  ] as never;
  const load = loadavg()[0]!;
  console.log(`1-minute load average ${load.toFixed(2)} at the start; ${reps.warmup} warm-up runs, then ${reps.runs} timed runs each, result cache off.\n`);
  console.log('| Measurement | runs | p50 ms | p90 ms | max ms |\n|---|---:|---:|---:|---:|');
  for (const [name, op] of rows) {
    const t = await measure(() => execute(app, op), reps);
    console.log(`| ${name} | ${t.runs} | ${t.p50.toFixed(1)} | ${t.p90.toFixed(1)} | ${t.max.toFixed(1)} |`);
  }
  console.log(`\n1-minute load average ${loadavg()[0]!.toFixed(2)} at the end.`);
} finally {
  await app.close();
}
