import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IngestAudioDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';
import { rawRequest, serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { FIXTURE_MODEL } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes } from '../support/wav.js';

const KEY = 'a-test-key-that-is-long-enough';

/** Queries an anonymous reader may send that can carry server-side paths. */
const QUERIES: Record<string, string> = {
  audios: '{ audios(corpus: "mix", first: 10) { nodes { id source { path } metadata mediaUrl } } }',
  jobs: '{ ingestJobs { paths currentFiles error results { path status errors { code message value } } } }',
  models: '{ models { id error } }',
};

describe('paths shown to readers without the API key', () => {
  let scratch: string;
  let second: string; // a second data root
  let models: string;
  let t: TestApp;
  let served: Served;
  const absolute: string[] = []; // every folder whose path must not reach an anonymous reader

  before(async () => {
    scratch = await realpath(await mkdtemp(join(tmpdir(), 'tokenscope-paths-')));
    second = join(scratch, 'second-root');
    models = join(scratch, 'models');
    await mkdir(join(second, 'more'), { recursive: true });
    await cp(join(repoRoot(), 'test', 'fixtures', 'models', FIXTURE_MODEL), join(models, FIXTURE_MODEL), { recursive: true });
    await mkdir(join(models, 'broken'));
    await writeFile(join(models, 'broken', 'manifest.json'), '{ not json');
    t = await createTestApp({ apiKey: KEY, modelsDir: models }, [second]);
    const mixtures = join(t.root, 'mixtures');
    await mkdir(mixtures);
    await writeFile(join(mixtures, 'a.wav'), wavBytes([testSignal(1, 24000)], 24000));
    await writeFile(join(mixtures, 'a.txt'), '0.1\t0.3\tclick\n');
    await writeFile(join(mixtures, 'bad.wav'), Buffer.from('not a wav file at all'));
    await writeFile(join(second, 'more', 'b.wav'), wavBytes([testSignal(1.2, 24000)], 24000));
    dataOf(await execute(t.app, IngestAudioDocument, { corpus: 'mix', paths: [mixtures, join(second, 'more', 'b.wav')], model: FIXTURE_MODEL, concurrency: 1 }));
    await t.app.services.audio.jobs.idle();
    served = await serve(t.app);
    absolute.push(scratch, t.root, await realpath(t.root), tmpdir(), repoRoot());
  });
  after(async () => {
    await served.close();
    await t.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const query = async (q: string, headers: Record<string, string> = {}) => {
    const res = await rawRequest(served.origin, '/graphql', { method: 'POST', body: Buffer.from(JSON.stringify({ query: q })), headers: { 'content-type': 'application/json', ...headers } });
    assert.equal(res.status, 200, `${q}: ${res.body.toString()}`);
    return res.body.toString();
  };

  it('shows no absolute path in any answer to an anonymous reader', async () => {
    for (const [name, q] of Object.entries(QUERIES)) {
      const body = await query(q);
      for (const folder of absolute) assert.ok(!body.includes(folder), `${name} reveals ${folder}: ${body}`);
    }
  });

  it('shows audio paths relative to their data root, and labels beside them likewise', async () => {
    const nodes = (JSON.parse(await query(QUERIES['audios']!)) as { data: { audios: { nodes: { source: { path: string }; metadata: Record<string, string> }[] } } }).data.audios.nodes;
    assert.deepEqual(nodes.map((n) => n.source.path).sort(), ['<root 1>/mixtures/a.wav', '<root 2>/more/b.wav']);
    assert.deepEqual(nodes.map((n) => n.metadata['labels']).filter(Boolean), ['<root 1>/mixtures/a.txt']);
  });

  it('shows the job\'s files, results and their error messages relative to their root', async () => {
    const [job] = (JSON.parse(await query(QUERIES['jobs']!)) as { data: { ingestJobs: { paths: string[]; results: { path: string; status: string; errors: { message: string }[] }[] }[] } }).data.ingestJobs;
    assert.deepEqual(job!.paths, ['<root 1>/mixtures', '<root 2>/more/b.wav']);
    const bad = job!.results.find((r) => r.status === 'FAILED')!;
    assert.equal(bad.path, '<root 1>/mixtures/bad.wav');
    assert.match(bad.errors[0]!.message, /^<root 1>\/mixtures\/bad\.wav: /);
  });

  it('shows a broken model\'s error relative to the models folder', async () => {
    const list = (JSON.parse(await query(QUERIES['models']!)) as { data: { models: { id: string; error: string | null }[] } }).data.models;
    assert.match(list.find((m) => m.id === 'broken')!.error ?? '', /^<models>\/broken\/manifest\.json: not JSON/);
  });

  it('shows a file outside every data root by its name only', async () => {
    const saved = t.app.services.config;
    t.app.services.config = { ...saved, dataRoots: [t.root] };
    try {
      const nodes = (JSON.parse(await query(QUERIES['audios']!)) as { data: { audios: { nodes: { source: { path: string } }[] } } }).data.audios.nodes;
      assert.deepEqual(nodes.map((n) => n.source.path).sort(), ['<outside the data roots>/b.wav', '<root 1>/mixtures/a.wav']);
    } finally {
      t.app.services.config = saved;
    }
  });

  it('shows absolute paths to a reader that presents the key', async () => {
    const audios = await query(QUERIES['audios']!, { authorization: `Bearer ${KEY}` });
    assert.ok(audios.includes(join(t.root, 'mixtures', 'a.wav')), audios);
    assert.ok(audios.includes(join(second, 'more', 'b.wav')), audios);
    assert.ok((await query(QUERIES['jobs']!, { 'x-api-key': KEY })).includes(join(t.root, 'mixtures', 'bad.wav')));
    assert.ok((await query(QUERIES['models']!, { 'x-api-key': KEY })).includes(join(models, 'broken', 'manifest.json')));
  });
});
