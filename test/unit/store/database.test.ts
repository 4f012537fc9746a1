import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALL_LAYERS } from '../../../src/domain/contract.js';
import { ErrorCode } from '../../../src/errors.js';
import { Database } from '../../../src/store/database.js';
import { storeMatrices } from '../../../src/store/matrix-writer.js';
import { openStore } from '../../../src/store/store.js';
import { assertRejectsCode } from '../../support/errors.js';
import { matrixFromRows } from '../../support/matrices.js';
import { randomRows, seededRandom } from '../../support/code-files.js';

describe('Database', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-db-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('keeps corpora, audios, frames and aggregates of a file database across close and open', async () => {
    const path = join(dir, 'persist.duckdb');
    const rows = randomRows(seededRandom(3), 6);
    const first = await openStore(path);
    let audioId = 0;
    try {
      const corpus = await first.corpora.create('kept', 'survives a restart');
      const outcomes = await first.db.transaction((tx) =>
        storeMatrices(tx, [{ corpusId: corpus.id, model: 'external:test', contentSha256: 'x'.repeat(64), sourcePath: 'a.jsonl', sourceLine: 1, text: 'hi', metadata: { audio: 'a.wav' }, matrix: matrixFromRows(rows) }]),
      );
      assert.equal(outcomes[0]?.status, 'ingested');
      audioId = outcomes[0]!.audioId;
    } finally {
      await first.close();
    }
    const second = await openStore(path);
    try {
      const [corpus] = await second.corpora.requireByNames(['kept']);
      assert.equal(corpus!.description, 'survives a restart');
      const audio = await second.audios.require(audioId);
      assert.deepEqual({ frames: audio.frameCount, text: audio.text, metadata: audio.metadata, line: audio.sourceLine }, { frames: 6, text: 'hi', metadata: { audio: 'a.wav' }, line: 1 });
      assert.deepEqual(Array.from((await second.audios.matrix(audioId)).tokens), rows.flat());
      const layers = await second.stats.corpusLayers({ corpusIds: [corpus!.id] }, ALL_LAYERS);
      assert.deepEqual(layers.map((l) => l.tokenCount), ALL_LAYERS.map(() => 6));
      // New ids continue after the stored ones.
      const next = await second.corpora.create('next');
      assert.ok(next.id > corpus!.id);
    } finally {
      await second.close();
    }
  });

  it('rolls back every statement of a transaction that throws', async () => {
    const store = await openStore(':memory:');
    try {
      await assert.rejects(
        store.db.transaction(async (tx) => {
          await tx.query("INSERT INTO corpora (name) VALUES ('doomed')");
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      assert.deepEqual(await store.corpora.list(), []);
      await store.corpora.create('fine');
      assert.deepEqual((await store.corpora.list()).map((c) => c.name), ['fine']);
    } finally {
      await store.close();
    }
  });

  it('serialises concurrent transactions so neither sees the other half-done', async () => {
    const store = await openStore(':memory:');
    try {
      const names = Array.from({ length: 8 }, (_, i) => `c${i}`);
      await Promise.all(names.map((n) => store.corpora.create(n)));
      assert.deepEqual((await store.corpora.list()).map((c) => c.name), names);
    } finally {
      await store.close();
    }
  });

  it('counts every statement it runs', async () => {
    const db = await Database.open(':memory:');
    try {
      const before = db.statementCount;
      await db.query('SELECT 1');
      await db.transaction((tx) => tx.query('SELECT 2'));
      assert.equal(db.statementCount - before, 4, 'SELECT 1, BEGIN, SELECT 2, COMMIT');
    } finally {
      await db.close();
    }
  });

  it('refuses statements after close with INTERNAL, and closes twice without harm', async () => {
    const db = await Database.open(':memory:');
    await db.close();
    await db.close();
    await assertRejectsCode(db.query('SELECT 1'), ErrorCode.INTERNAL, /database is closed/);
  });

  it('reports a database path it cannot open as UNREADABLE_FILE', async () => {
    await assertRejectsCode(Database.open(join(dir, 'no', 'such', 'folder', 'x.duckdb')), ErrorCode.UNREADABLE_FILE, /cannot open database/);
  });
});
