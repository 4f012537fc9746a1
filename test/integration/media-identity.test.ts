import assert from 'node:assert/strict';
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DeleteAudioDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';
import { rawRequest, serve } from '../support/http.js';
import type { RawResponse, Served } from '../support/http.js';
import { ingestAudioFolder } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes } from '../support/wav.js';

describe('the media route serves only the file that was ingested', () => {
  let t: TestApp;
  let served: Served;
  let folder: string;
  const names = ['a-touched.wav', 'b-replaced.wav', 'c-legacy.wav', 'd-legacy-replaced.wav', 'e-deleted.wav'];
  const bytes = names.map((_, i) => wavBytes([testSignal(1 + i / 10, 24000, i + 1)], 24000)); // different lengths: different audios
  let ids: number[];

  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    folder = join(t.root, 'media');
    await mkdir(folder);
    for (const [i, name] of names.entries()) await writeFile(join(folder, name), bytes[i]!);
    ids = await ingestAudioFolder(t, 'media', folder);
    served = await serve(t.app);
  });
  after(async () => {
    await served.close();
    await t.close();
  });

  const media = (id: number, method = 'GET'): Promise<RawResponse> => rawRequest(served.origin, `/media/audio/${id}`, { method });
  const assertChanged = (res: RawResponse, id: number) => {
    assert.equal(res.status, 409);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    const body = JSON.parse(res.body.toString()) as { error: { code: string; message: string } };
    assert.deepEqual(body, { error: { code: 'SOURCE_CHANGED', message: `audio ${id}: its original file has changed since it was ingested (other bytes at its path); ingest it again to play it` } });
  };
  /** Rewrites a file with other bytes of the same length, then gives it a later mtime. */
  const replace = async (name: string) => {
    const path = join(folder, name);
    const other = Buffer.from(bytes[names.indexOf(name)]!); // a copy
    other[other.length - 1] ^= 0xff;
    await writeFile(path, other);
    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);
  };

  it('records the size and mtime of each file at ingest', async () => {
    for (const [i, name] of names.entries()) {
      const s = await stat(join(folder, name));
      assert.deepEqual(await t.app.store.audios.fileIdentity(ids[i]!), { sizeBytes: s.size, mtimeMs: s.mtimeMs }, name);
    }
  });

  it('still serves a file that was only touched (a new mtime, the same bytes)', async () => {
    const later = new Date(Date.now() + 120_000);
    await utimes(join(folder, names[0]!), later, later);
    for (let i = 0; i < 2; i++) {
      const res = await media(ids[0]!);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, bytes[0]);
    }
  });

  it('answers 409 SOURCE_CHANGED, as JSON naming no path, for a file replaced since the ingest, to GET and HEAD', async () => {
    assert.equal((await media(ids[1]!)).status, 200);
    await replace(names[1]!);
    assertChanged(await media(ids[1]!), ids[1]!);
    const head = await media(ids[1]!, 'HEAD');
    assert.equal(head.status, 409);
    assert.equal(head.body.length, 0);
    assertChanged(await media(ids[1]!), ids[1]!);
  });

  it('checks audios ingested before sizes were recorded by their sha256', async () => {
    const legacy = [ids[2]!, ids[3]!];
    await t.app.store.db.query('DELETE FROM audio_files WHERE list_contains(?, audio_id)', [legacy]);
    assert.equal(await t.app.store.audios.fileIdentity(legacy[0]!), null);
    const res = await media(legacy[0]!);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, bytes[2]);
    await replace(names[3]!);
    assertChanged(await media(legacy[1]!), legacy[1]!);
  });

  it('deletes the record with its audio', async () => {
    dataOf(await execute(t.app, DeleteAudioDocument, { id: String(ids[4]!) }));
    assert.equal(await t.app.store.audios.fileIdentity(ids[4]!), null);
  });
});
