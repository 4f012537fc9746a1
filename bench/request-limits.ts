/**
 * Figures for the request limits (docs/security.md): how fast the 239 KB alias attack is refused
 * over HTTP, and what the costliest accepted queries hold in memory. Run after a build:
 * `node --expose-gc dist/bench/request-limits.js`. Prints JSON; not a test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../src/api/server.js';
import { loadSettings } from '../src/config/settings.js';
import { IngestCodesDocument } from '../src/client/generated/graphql.js';
import { createApp } from '../src/main.js';
import { execute, prepare } from './execute.js';

async function post(url: string, query: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await response.text();
  return { status: response.status, bytes: text.length, ms: Math.round(performance.now() - started) };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'tokenscope-limits-'));
  const app = await createApp(loadSettings({ dbPath: ':memory:', dataRoots: [root], apiKey: null, host: '127.0.0.1', port: 0, device: 'cpu' }, {}));
  try {
    const frames = 4096;
    const rows = Array.from({ length: frames }, (_, f) => Array.from({ length: 16 }, (_, l) => (f * 31 + l * 7) % 2048));
    await writeFile(join(root, 'long.jsonl'), `${JSON.stringify({ audio_codes: rows })}\n`);
    const report = await execute(app, prepare(IngestCodesDocument, { corpus: 'qwen', paths: [join(root, 'long.jsonl')] }));
    const id = report.ingestCodes.files[0]!.audioIds[0];
    const { server, url } = await listen(app.api, app.services, 0);
    try {
      const attack = `{${Array.from({ length: 4900 }, (_, i) => `a${i}: layerStats(corpora:["qwen"]) {frameCount}`).join(' ')}}`;
      await post(url, '{ corpora { name } }'); // warm up
      const refusals = [];
      for (let i = 0; i < 5; i++) refusals.push(await post(url, attack));
      const worst: Record<string, string> = {
        fullWindowBothOrientations: `{ audio(id: "${id}") { codes(frameCount: 4096) { startFrame frameCount startSeconds endSeconds layerMajor frameMajor } } }`,
        tokenFrequencies12: `{ ${Array.from({ length: 12 }, (_, i) => `t${i}: tokenFrequencies(corpus: "qwen", layer: ${i + 1}, first: 2048) { layer totalTokens distinctTokens tokens { token count frequency } }`).join(' ')} }`,
      };
      const accepted: Record<string, unknown> = {};
      for (const [name, query] of Object.entries(worst)) {
        gc();
        const before = process.memoryUsage();
        let peakRss = before.rss;
        let peakHeap = before.heapUsed;
        const sampler = setInterval(() => {
          const m = process.memoryUsage();
          peakRss = Math.max(peakRss, m.rss);
          peakHeap = Math.max(peakHeap, m.heapUsed);
        }, 1);
        const r = await post(url, query);
        clearInterval(sampler);
        accepted[name] = { ...r, peakHeapGrowthMiB: +((peakHeap - before.heapUsed) / 2 ** 20).toFixed(1), peakRssGrowthMiB: +((peakRss - before.rss) / 2 ** 20).toFixed(1) };
      }
      console.log(JSON.stringify({ attackBytes: attack.length, refusals, accepted }, null, 2));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
