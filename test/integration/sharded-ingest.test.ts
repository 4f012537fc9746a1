import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { IngestAudioDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { ingestCodesCommand } from '../../src/cli/commands/ingest-codes.js';
import { ErrorCode } from '../../src/errors.js';
import { AUDIO_FILE_EXTENSIONS } from '../../src/ingest/ingest-audio-files.js';
import { listCodeFileEntries } from '../../src/ingest/list-code-files.js';
import { listFileEntries } from '../../src/ingest/list-files.js';
import { takeShard } from '../../src/ingest/shard-split.js';
import { openStore } from '../../src/store/store.js';
import { jsonlLine, randomRows, seededRandom } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { FIXTURE_MODEL } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, writeWav } from '../support/wav.js';

describe('sharded ingest (--shard i/n)', () => {
  let t: TestApp;
  let wavs: string;
  let codes: string;

  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    wavs = join(t.root, 'wavs');
    codes = join(t.root, 'codes');
    for (let i = 0; i < 7; i++) {
      await mkdir(join(wavs, i % 2 ? 'odd' : 'even'), { recursive: true });
      await writeWav(join(wavs, i % 2 ? 'odd' : 'even', `take-${i}.wav`), testSignal(0.3 + i * 0.05, 16_000, i + 1), 16_000);
    }
    const random = seededRandom(4);
    await mkdir(codes);
    for (let f = 0; f < 9; f++) await writeFile(join(codes, `part-${f}.jsonl`), `${jsonlLine(randomRows(random, 6 + f))}\n${jsonlLine(randomRows(random, 5))}\n`);
  });
  after(async () => {
    mock.restoreAll();
    await t?.close();
  });

  it('ingests through the API only the shard’s audio files: 3 shards together take every file once', async () => {
    const expected = await listFileEntries([wavs], AUDIO_FILE_EXTENSIONS);
    const all: string[] = [];
    for (let index = 1; index <= 3; index++) {
      const corpus = `w${index}`;
      const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus, paths: [wavs], model: FIXTURE_MODEL, concurrency: 1, shard: { index, count: 3 } })).ingestAudio;
      await t.app.services.audio.jobs.idle();
      const job = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob;
      const paths = job.results.map((r) => r.path);
      assert.deepEqual(paths, takeShard(expected, { index, count: 3 }).map((f) => f.path), `shard ${index}/3`);
      assert.equal(job.filesTotal, paths.length);
      assert.ok(job.results.every((r) => r.status === 'INGESTED'));
      all.push(...paths);
    }
    assert.deepEqual(all.sort(), expected.map((f) => f.path).sort());
  });

  it('refuses a shard outside 1..count before starting a job', async () => {
    onlyError(await execute(t.app, IngestAudioDocument, { corpus: 'x', paths: [wavs], model: FIXTURE_MODEL, concurrency: 1, shard: { index: 4, count: 3 } }), ErrorCode.INVALID_ARGUMENT, /shard must be i\/n with whole numbers 1 ≤ i ≤ n ≤ 65536 .*received 4\/3/);
  });

  it('ingest-codes --shard 2/3 stores a JSONL file’s matrices whole in one shard and says how many files it took of how many', async () => {
    const db = join(t.root, 'codes-shard-2.duckdb');
    const said: string[] = [];
    mock.method(console, 'error', (...args: unknown[]) => void said.push(args.join(' ')));
    mock.method(console, 'log', () => undefined);
    const code = await ingestCodesCommand([codes], { corpus: 'c', shard: '2/3', db });
    mock.restoreAll();
    assert.equal(code, 0, said.join('\n'));
    const taken = takeShard(await listCodeFileEntries([codes]), { index: 2, count: 3 });
    assert.ok(said.includes(`shard 2/3: ${taken.length} of 9 files`), said.join('\n'));
    const store = await openStore(db);
    try {
      const rows = await store.db.query('SELECT source_path, count(*) AS n FROM audios GROUP BY source_path ORDER BY source_path');
      assert.deepEqual(rows.map((r) => [r['source_path'], Number(r['n'])]), taken.map((f) => [f.path, 2]));
    } finally {
      await store.close();
    }
  });
});
