import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { versionedTransaction } from '../src/store/data-versions.js';
import { storeMatrices } from '../src/store/matrix-writer.js';
import { openStore } from '../src/store/store.js';
import { integerOption } from './integer-option.js';
import { DETECT_FRAMES, PROFILE_A, SyntheticCorpus } from './synthetic-corpus.js';

const USAGE = 'usage: node dist/bench/measure-store-gap.js [--runs 5] [--frames 45000]';

/**
 * The longest the event loop went without turning while one matrix (default one hour, 45,000
 * frames) and its aggregates were stored in one transaction into a database file: what a request
 * arriving at the end of an ingest waits for. A 1 ms interval timer measures the gaps.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: 'string', default: '5' }, frames: { type: 'string', default: String(DETECT_FRAMES) } } });
  const runs = integerOption('runs', values.runs, 1, USAGE);
  const frames = integerOption('frames', values.frames, 1, USAGE);
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-gap-'));
  const store = await openStore(join(dir, 'gap.duckdb'));
  try {
    const corpus = await store.corpora.create('gap');
    const generator = new SyntheticCorpus(PROFILE_A);
    for (let run = 0; run < runs; run++) {
      const { matrix, contentSha256 } = generator.audio(run, frames);
      let last = performance.now();
      let longest = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      const started = performance.now();
      await versionedTransaction(store.db, (tx) =>
        storeMatrices(tx, [{ corpusId: corpus.id, model: 'external:gap', contentSha256, sourcePath: `gap-${run}`, sourceLine: null, text: null, metadata: {}, matrix }]),
      );
      const storeMs = performance.now() - started;
      clearInterval(ticker);
      longest = Math.max(longest, performance.now() - last);
      console.log(`run ${run + 1}: stored ${frames} frames in ${storeMs.toFixed(0)} ms; longest event-loop gap ${longest.toFixed(1)} ms`);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
