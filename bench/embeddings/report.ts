import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import type { Machine } from '../machine.js';
import type { EmbeddingsFigures } from './measure-embeddings.js';

export const EMBEDDINGS_START = '<!-- bench:embeddings:start -->';
export const EMBEDDINGS_END = '<!-- bench:embeddings:end -->';

/** The goal of issue 9: 4,096 frames of embeddings through the API, p50 ≤ 50 ms. */
export const GOAL_MS = 50;

/** Everything the embeddings section reports. */
export interface EmbeddingsReport {
  date: string;
  machine: Machine;
  command: string;
  warmup: number;
  runs: number;
  loadAverageAtEnd: number;
  packed: EmbeddingsFigures;
  json: EmbeddingsFigures;
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(1) : v.toFixed(2));
const kib = (bytes: number): string => `${Math.round(bytes / 1024).toLocaleString('en')} KiB`;

/** True when the packed form meets the goal in process (how every other "via API" figure is taken). */
export function embeddingsPass(r: EmbeddingsReport): boolean {
  return r.packed.inProcess.p50 <= GOAL_MS;
}

/** The Markdown section, between its markers. */
export function renderEmbeddingsSection(r: EmbeddingsReport): string {
  const m = r.machine;
  const row = (what: string, f: EmbeddingsFigures, path: 'inProcess' | 'http', goal: string, result: string): string => {
    const t = f[path];
    return `| ${what} | ${t.runs} | ${ms(t.p50)} | ${ms(t.p90)} | ${ms(t.p99)} | ${ms(t.max)} | ${goal} | ${result} |`;
  };
  return [
    EMBEDDINGS_START,
    '## Embeddings through the API (issue 9)',
    '',
    `Measured ${r.date} on ${m.os}, ${m.cores} × ${m.cpu}, ${m.memoryGiB.toFixed(1)} GiB memory, Node ${m.node}, DuckDB ${m.duckdb}${m.commit ? `, commit ${m.commit}` : ''}.`,
    `1-minute load average ${m.loadAverage.toFixed(2)} when the measurements began and ${r.loadAverageAtEnd.toFixed(2)} when they ended (${m.cores} cores; a load above that means other processes competed for them, and every figure below is then an upper bound).`,
    '',
    'Reproduce:',
    '',
    '```sh',
    'npm run build',
    r.command,
    '```',
    '',
    `**Data.** One 1-hour matrix (45,000 frames) of seeded random tokens stored under the default reference encoder (\`${REFERENCE_MODEL_ID}\`), whose codebooks are D = ${r.packed.dim}; an in-memory database, the result cache off, so every run reads the window from DuckDB and dequantizes it. Each measurement: ${r.warmup} warm-up runs, then ${r.runs} timed runs, one after another. *In process*: the operation through Apollo (parse, validate, cost, resolvers), as the other API benchmarks measure. *HTTP*: the same operation POSTed to the server on 127.0.0.1 and the body read whole by a client in the same process, which adds serialising, sending and parsing the JSON.`,
    '',
    '| Measurement | runs | p50 ms | p90 ms | p99 ms | max ms | goal | result |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    row(`\`packedEmbeddings\`, ${r.packed.frames.toLocaleString('en')} frames × ${r.packed.dim}, in process`, r.packed, 'inProcess', `p50 ≤ ${GOAL_MS} ms`, embeddingsPass(r) ? '**PASS**' : '**FAIL**'),
    row(`↳ over HTTP (${kib(r.packed.responseBytes)} a response)`, r.packed, 'http', '—', '—'),
    row(`\`embeddings\` (JSON lists), ${r.json.frames.toLocaleString('en')} frames × ${r.json.dim}, in process`, r.json, 'inProcess', '—', '—'),
    row(`↳ over HTTP (${kib(r.json.responseBytes)} a response)`, r.json, 'http', '—', '—'),
    '',
    '### Reading',
    '',
    `- A window of embeddings as JSON lists costs graphql-js one completed value per number: ${r.json.frames.toLocaleString('en')} frames (${(r.json.frames * r.json.dim).toLocaleString('en')} numbers, the most \`embeddings\` allows) took ${ms(r.json.inProcess.p50)} ms at the median in process. \`packedEmbeddings\` returns the same float32 values, bit for bit, as one base64 string, so a whole ${r.packed.frames.toLocaleString('en')}-frame window (${(r.packed.frames * r.packed.dim).toLocaleString('en')} values) took ${ms(r.packed.inProcess.p50)} ms.`,
    `- What remains is reading the window from DuckDB and dequantizing it (16 vector additions of D values per frame, in float64, rounded once); \`layerMajor\` and \`frameMajor\` are now built only when selected.`,
    EMBEDDINGS_END,
  ].join('\n');
}
