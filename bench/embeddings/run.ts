import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings } from '../../src/config/settings.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';
import { createApp } from '../../src/main.js';
import { storeMatrices } from '../../src/store/matrix-writer.js';
import { integerOption } from '../integer-option.js';
import { describeMachine } from '../machine.js';
import { writeMarkedSection } from '../report.js';
import { measureEmbeddings } from './measure-embeddings.js';
import { EMBEDDINGS_END, EMBEDDINGS_START, embeddingsPass, renderEmbeddingsSection } from './report.js';

const USAGE = 'usage: npm run bench:embeddings -- [--runs 20] [--warmup 3] [--out docs/benchmarks.md | --no-write]';
/** The model whose codebooks the benchmark dequantizes with (shipped with the repository). */
const MODEL = REFERENCE_MODEL_ID;
/** Frames of the stored matrix: one hour. */
const FRAMES = 45_000;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const reps = { runs: integerOption('runs', values.runs, 1, USAGE), warmup: integerOption('warmup', values.warmup, 0, USAGE) };
  const date = new Date().toISOString();
  // No result cache: every run computes its answer.
  const app = await createApp(loadSettings({ dbPath: ':memory:', dataRoots: [], apiKey: null, host: '127.0.0.1', port: 0, cacheBytes: 0 }));
  try {
    const machine = await describeMachine(app.store);
    const corpus = await app.store.corpora.create('bench-embeddings', 'one hour of seeded random tokens');
    const next = mulberry32(20260901);
    const tokens = Uint16Array.from({ length: FRAMES * LAYER_COUNT }, () => Math.floor(next() * 2048));
    const matrix = codeMatrix(tokens);
    await app.store.db.transaction((tx) =>
      storeMatrices(tx, [{ corpusId: corpus.id, model: MODEL, contentSha256: 'bench-embeddings'.padEnd(64, '0'), sourcePath: 'synthetic://bench-embeddings', sourceLine: null, text: null, metadata: {}, matrix }]),
    );
    const [audio] = await app.store.audios.listByCorpus(corpus.id, 1);
    process.stderr.write('packedEmbeddings, 4096 frames\n');
    const packed = await measureEmbeddings(app, audio!.id, 'packedEmbeddings', 4096, reps);
    process.stderr.write('embeddings, 1024 frames\n');
    const json = await measureEmbeddings(app, audio!.id, 'embeddings', 1024, reps);
    const command = argv.length ? `npm run bench:embeddings -- ${argv.join(' ')}` : 'npm run bench:embeddings';
    const report = { date, machine, command, ...reps, loadAverageAtEnd: loadavg()[0]!, packed, json };
    const section = renderEmbeddingsSection(report);
    console.log(section);
    if (!values['no-write']) {
      const out = resolve(values.out);
      writeMarkedSection(out, section, EMBEDDINGS_START, EMBEDDINGS_END);
      process.stderr.write(`wrote ${out}\n`);
    }
    if (!embeddingsPass(report)) process.stderr.write('goal missed: packedEmbeddings p50\n');
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
