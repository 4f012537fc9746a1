import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IngestFigures } from './build-corpus.js';
import type { Machine } from './machine.js';
import type { ColdTokensFigures } from './measure-cold-tokens.js';
import type { DetectFigures } from './measure-detect.js';
import type { LayerStatsFigures } from './measure-layer-stats.js';
import type { Timing } from './timing.js';

/** Markers delimiting this benchmark's section; other sections of the file are kept as they are. */
const START = '<!-- bench:foundation:start -->';
const END = '<!-- bench:foundation:end -->';

/** Goals from the issue, in milliseconds (p50) and as a speed ratio. */
export const GOALS = {
  layerStatsP50Ms: 50,
  layerStatsSpeedup: 10,
  coldTokensP50Ms: 250,
  detectP50Ms: 100,
} as const;

/** Everything one benchmark run measured. */
export interface BenchReport {
  /** ISO 8601 time the run started. */
  date: string;
  machine: Machine;
  /** The command line that produced the figures. */
  command: string;
  hours: number;
  warmup: number;
  runs: number;
  corpus: { audios: number; frames: number; tokens: number; databaseBytes: number };
  ingest: IngestFigures;
  /** 1-minute load average when the measurements ended. */
  loadAverageAtEnd: number;
  /** True when the database was built by an earlier run and reused. */
  ingestReused: boolean;
  layerStats: LayerStatsFigures;
  coldTokens: ColdTokensFigures;
  detect: DetectFigures;
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(1);
}

function count(x: number): string {
  return Math.round(x).toLocaleString('en');
}

function row(name: string, t: Timing, goal: string, pass: boolean | null): string {
  const verdict = pass === null ? '—' : pass ? '**PASS**' : '**MISS**';
  return `| ${name} | ${t.runs} | ${ms(t.p50)} | ${ms(t.p90)} | ${ms(t.p99)} | ${ms(t.max)} | ${goal} | ${verdict} |`;
}

const HEADER = '| Measurement | runs | p50 ms | p90 ms | p99 ms | max ms | goal | result |\n|---|---:|---:|---:|---:|---:|---|---|';

/** The verdicts of the goals, by name. */
export function verdicts(r: BenchReport): Record<string, boolean> {
  const speedup = r.layerStats.scan.p50 / r.layerStats.api.p50;
  return {
    layerStats: r.layerStats.api.p50 <= GOALS.layerStatsP50Ms && speedup >= GOALS.layerStatsSpeedup,
    coldTokens: r.coldTokens.timing.p50 <= GOALS.coldTokensP50Ms,
    detect: r.detect.timing.p50 <= GOALS.detectP50Ms,
  };
}

/** Renders the section (markers included) as Markdown. */
export function renderSection(r: BenchReport): string {
  const v = verdicts(r);
  const { layerStats: ls, coldTokens: ct, detect: dt, ingest, machine: m } = r;
  const speedup = ls.scan.p50 / ls.api.p50;
  const storeSpeedup = ls.scan.p50 / ls.preAggregates.p50;
  const smoke = r.hours === 100 ? '' : `\n> Smoke run over ${r.hours} hours: the goals are stated for the 100-hour corpus.\n`;
  const ingestWhen = r.ingestReused ? ` (measured when the database was built, ${ingest.builtAt}; this run reused it)` : '';
  return `${START}
## Foundation benchmarks (issue 2)

Measured ${r.date} on ${m.os}, ${m.cores} × ${m.cpu}, ${m.memoryGiB.toFixed(1)} GiB memory, Node ${m.node}, DuckDB ${m.duckdb}${m.commit ? `, commit ${m.commit}` : ''}.
1-minute load average ${m.loadAverage.toFixed(2)} when the queries began and ${r.loadAverageAtEnd.toFixed(2)} when they ended (${m.cores} cores; a load above that means other processes competed for them).
${smoke}
Reproduce (the first run builds the corpus in \`bench/.data/\`, later runs reuse it):

\`\`\`sh
npm run build
${r.command}
\`\`\`

**Corpus.** ${r.hours} hours of synthetic speech-like code matrices: ${count(r.corpus.audios)} audios, ${count(r.corpus.frames)} frames,
${count(r.corpus.tokens)} tokens (\`bench/synthetic-corpus.ts\`, seeded, so every machine builds the same one). Two corpora of
${r.hours / 2} hours each, \`bench-a\` (reference) and \`bench-b\` (target, a steeper Zipf law and ~40 tokens per layer that
\`bench-a\` never uses), plus \`bench-detect\`, one 1-hour audio (45,000 frames). Tokens of each layer follow a Zipf law over a
layer-specific subset of the codebook, with pauses on a silence token and, about once a minute, a burst that scatters layers
10–14 over the whole codebook. Database file: ${(r.corpus.databaseBytes / 2 ** 20).toFixed(0)} MiB. Each measurement: ${r.warmup} warm-up runs, then ${r.runs} timed runs,
with the result cache off (\`cacheBytes\` 0), so every run computes its answer.

### Ingest

Through the real write path: \`storeMatrices\` inside \`store.db.transaction\`, 10 audios per transaction${ingestWhen}.

| frames | audios | store s | generate s | wall s | frames / s (store) |
|---:|---:|---:|---:|---:|---:|
| ${count(ingest.frames)} | ${count(ingest.audios)} | ${ingest.storeSeconds.toFixed(1)} | ${ingest.generateSeconds.toFixed(1)} | ${ingest.wallSeconds.toFixed(1)} | ${count(ingest.framesPerSecond)} |

### Queries

${HEADER}
${row('`layerStats` via API, pre-aggregates (16 layers, both corpora, top 5)', ls.api, `p50 ≤ ${GOALS.layerStatsP50Ms} ms and ≥ ${GOALS.layerStatsSpeedup}× faster than the scan`, v['layerStats']!)}
${row('↳ store only: `corpusLayers` (pre-aggregates)', ls.preAggregates, '—', null)}
${row(`↳ store only: \`corpusLayersByScan\` (all ${count(ls.frames * 16)} tokens)`, ls.scan, '—', null)}
${row(`\`coldTokens\` via API (bench-a → bench-b, limit 50, 3 occurrences)`, ct.timing, `p50 ≤ ${GOALS.coldTokensP50Ms} ms`, v['coldTokens']!)}
${row(`\`detect\` keyLayerVariance via API (${count(dt.frames)} frames, scores returned)`, dt.timing, `p50 ≤ ${GOALS.detectP50Ms} ms`, v['detect']!)}

Speed-up of pre-aggregates over the scan (p50): **${speedup.toFixed(0)}×** through the API, ${storeSpeedup.toFixed(0)}× store to store.
Pre-aggregates and scan agree: counts, sums and distinct tokens exactly, entropy within ${ls.maxDifference.toExponential(1)} bits.
\`coldTokens\` found ${ct.found} cold tokens (layers ${ct.layers.join(', ') || 'none'}); \`detect\` flagged ${count(dt.flaggedFrames)} frames in ${count(dt.anomalies)} anomalies.

### HTTP

Under load, over HTTP: see "Serving dashboards under load (issue 8)" below, measured in the same run.

### Reading

${reading(r)}
${END}`;
}

function reading(r: BenchReport): string {
  const { layerStats: ls, coldTokens: ct, detect: dt, ingest } = r;
  const hoursPerMinute = (ingest.framesPerSecond * 60) / 12.5 / 3600;
  return [
    `- Corpus-wide statistics come from the pre-aggregated token counts, so their cost depends on the codebook (16 × 2,048 counts per corpus), not on the hours stored: ${ms(ls.api.p50)} ms at the median through the whole GraphQL stack, against ${ms(ls.scan.p50)} ms for reading all ${count(ls.frames * 16)} tokens.`,
    `- Cold tokens compare the two corpora's token counts, then look up where the first few cold tokens occur in the target's frames: ${ms(ct.timing.p50)} ms at the median.`,
    `- The detector reads the whole 1-hour matrix (${count(dt.frames)} frames) from the store, scores every frame and returns all the scores: ${ms(dt.timing.p50)} ms at the median.`,
    `- Storing runs at ${count(ingest.framesPerSecond)} frames/s, about ${hoursPerMinute.toFixed(0)} hours of audio per minute once the codes exist (tokenizing the audio, not measured here, is the slow part of a real ingest).`,
    `- Small queries spend most of their time waiting for DuckDB's worker threads, so they are sensitive to other load: with the 1-minute load average above the core count, medians of 1.5–3× these were seen on the same machine.`,
  ].join('\n');
}

/** Writes the section into `path`, replacing an earlier one between the markers and keeping everything else. */
export function writeSection(path: string, section: string): void {
  writeMarkedSection(path, section, START, END);
}

/**
 * Writes `section` (which begins with `start` and ends with `end`) into `path`, replacing what lies
 * between those markers, or appending it when they are absent; the rest of the file is kept.
 */
export function writeMarkedSection(path: string, section: string, start: string, end: string): void {
  if (!existsSync(path)) {
    writeFileSync(path, `# Benchmarks\n\nFigures from \`npm run bench\`; each issue's benchmarks keep their own section.\n\n${section}\n`);
    return;
  }
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? `${text.slice(0, from)}${section}${text.slice(to + end.length)}` : `${text.replace(/\n*$/, '\n\n')}${section}\n`;
  writeFileSync(path, next);
}
