import type { Machine } from './machine.js';
import { MIX_OPERATIONS } from './measure-http.js';
import type { HttpFigures, PhaseFigures } from './measure-http.js';
import { writeMarkedSection } from './report.js';

const START = '<!-- bench:serving:start -->';
const END = '<!-- bench:serving:end -->';

/** Goals of issue 8 for the mix with 32 clients. */
export const SERVING_GOALS = { warmP99Ms: 50, warmRequestsPerSecond: 1500, ingestingP99Ms: 100 } as const;

/** What the serving section reports. */
export interface ServingReport {
  date: string;
  machine: Machine;
  command: string;
  hours: number;
  /** 1-minute load average when the HTTP phases ended. */
  loadAverageAtEnd: number;
  http: HttpFigures;
}

/** Verdicts of the serving goals, by name. */
export function servingVerdicts(h: HttpFigures): Record<string, boolean> {
  return {
    'no errors': [h.uncached, h.cold, h.warm, h.ingesting, h.ingestingAllCores].every((p) => p.errors === 0) && h.ingest.phase === 'SUCCEEDED' && h.ingestAllCores.phase === 'SUCCEEDED',
    'warm p99': h.warm.timing.p99 <= SERVING_GOALS.warmP99Ms,
    'warm requests/s': h.warm.throughput >= SERVING_GOALS.warmRequestsPerSecond,
    'ingesting p99': h.ingesting.timing.p99 <= SERVING_GOALS.ingestingP99Ms,
  };
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(1);
}

function count(x: number): string {
  return Math.round(x).toLocaleString('en');
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function phaseRow(name: string, p: PhaseFigures, goal: string, pass: boolean | null): string {
  const verdict = pass === null ? '—' : pass ? '**PASS**' : '**MISS**';
  return `| ${name} | ${count(p.requests)} | ${ms(p.timing.p50)} | ${ms(p.timing.p90)} | ${ms(p.timing.p99)} | ${ms(p.timing.max)} | ${count(p.throughput)} | ${p.errors} | ${mib(p.peakRssBytes)} | ${goal} | ${verdict} |`;
}

/** Renders the serving section (markers included) as Markdown. */
export function renderServingSection(r: ServingReport): string {
  const { http: h, machine: m } = r;
  const v = servingVerdicts(h);
  const errorsOk = (p: PhaseFigures) => p.errors === 0;
  const phases: [string, PhaseFigures][] = [['no cache', h.uncached], ['cold cache', h.cold], ['warm cache', h.warm], ['warm, ingesting', h.ingesting], ['ingesting, encoder on every core', h.ingestingAllCores]];
  const firstErrors = phases.filter(([, p]) => p.firstError).map(([n, p]) => `- ${n}: first error ${p.firstError}`);
  const smoke = r.hours === 100 ? '' : `\n> Run over the ${r.hours}-hour corpus: the goals are stated for the 100-hour one.\n`;
  return `${START}
## Serving dashboards under load (issue 8)

Measured ${r.date} on ${m.os}, ${m.cores} × ${m.cpu}, ${m.memoryGiB.toFixed(1)} GiB memory, Node ${m.node}, DuckDB ${m.duckdb}${m.commit ? `, commit ${m.commit}` : ''}.
1-minute load average ${m.loadAverage.toFixed(2)} when the benchmark began and ${r.loadAverageAtEnd.toFixed(2)} when the HTTP phases ended (${m.cores} cores, shared with the load generator).
${smoke}
Reproduce (the HTTP part is the last part of \`npm run bench\`):

\`\`\`sh
npm run build
${r.command}
\`\`\`

${h.clients} concurrent keep-alive clients (node:http with a keep-alive agent, in a worker thread of the benchmark) each send the mix one request after
another: ${MIX_OPERATIONS.map((o) => `\`${o}\``).join(', ')}, client *c* starting at the *c*-th, so the four are
always in flight together. The server is \`tokenscope serve\` on the benchmark database (${r.hours} hours) in its own process,
on 127.0.0.1, so its memory is measured alone: resident set sampled every 50 ms per phase, and the kernel's peak (VmHWM) per server.
"No cache" is a server started with \`TOKENSCOPE_CACHE_BYTES=0\` (every answer computed, identical requests in flight still
shared), after one request per client, ${count(h.uncached.requests)} requests. The other three phases run one after the other in one server with the default 64 MiB cache:
"cold" is the first ${count(h.cold.requests)} requests after it started (every answer computed once, JIT cold), "warm" the next
${count(h.requests)}, "warm, ingesting" as many as fit while \`ingestAudio\` ingests ${h.ingest.files} WAV files (${(h.ingest.audioSeconds / 60).toFixed(0)} minutes of 24 kHz audio, made by the
benchmark) into another corpus in the same server: the phase starts with the mutation and ends with the job (${h.ingest.seconds.toFixed(1)} s, ${h.ingest.phase.toLowerCase()}; files ${[...new Set(h.ingest.statuses)].join(', ').toLowerCase() || 'none'}).

| phase | requests | p50 ms | p90 ms | p99 ms | max ms | requests / s | errors | server peak RSS | goal | result |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
${phaseRow('no cache', h.uncached, 'no errors', errorsOk(h.uncached))}
${phaseRow('cold cache', h.cold, 'no errors', errorsOk(h.cold))}
${phaseRow('warm cache', h.warm, `p99 ≤ ${SERVING_GOALS.warmP99Ms} ms, ≥ ${count(SERVING_GOALS.warmRequestsPerSecond)} requests/s, no errors`, v['warm p99']! && v['warm requests/s']! && errorsOk(h.warm))}
${phaseRow('warm, ingesting', h.ingesting, `p99 ≤ ${SERVING_GOALS.ingestingP99Ms} ms, no errors`, v['ingesting p99']! && errorsOk(h.ingesting) && h.ingest.phase === 'SUCCEEDED')}
${phaseRow('warm, ingesting, encoder on every core', h.ingestingAllCores, 'side by side: TOKENSCOPE_THREADS=0', null)}

\`tokenscope serve\` gives each encoder session every core but one (here 1 thread; \`TOKENSCOPE_THREADS\` overrides): the last
row is a second server, started after the first with \`TOKENSCOPE_THREADS=0\` (onnxruntime's own choice, every core), warmed
with the same ${count(h.cold.requests)} requests and measured while it ingests the same files into a third corpus (${h.ingestAllCores.seconds.toFixed(1)} s, ${h.ingestAllCores.phase.toLowerCase()}), in the same run.

Server peak RSS over its whole run (VmHWM): ${mib(h.serverPeakRssBytes)} with the cache (all three phases, ingest included), ${mib(h.uncachedServerPeakRssBytes)} without.
${firstErrors.length ? `\n${firstErrors.join('\n')}\n` : ''}
By operation (p50 / p99 ms):

| operation | ${phases.map(([n]) => n).join(' | ')} |
|---|${phases.map(() => '---:').join('|')}|
${MIX_OPERATIONS.map((o, i) => `| ${o} | ${phases.map(([, p]) => `${ms(p.byOperation[i]!.p50)} / ${ms(p.byOperation[i]!.p99)}`).join(' | ')} |`).join('\n')}
${END}`;
}

/** Writes the serving section into `path`, keeping the rest of the file. */
export function writeServingSection(path: string, section: string): void {
  writeMarkedSection(path, section, START, END);
}
