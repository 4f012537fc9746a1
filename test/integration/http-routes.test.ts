import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, realpath, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { get, request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiConfig } from '../../src/api/config.js';
import { DASHBOARD_CSP } from '../../src/api/http/static-files.js';
import { IngestAudioDocument, IngestCodesDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { rawRequest, serve } from '../support/http.js';
import type { RawResponse, Served } from '../support/http.js';
import { FIXTURE_MODEL, ingestAudioFolder } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes } from '../support/wav.js';

const KEY = 'a-test-key-that-is-long-enough';
const INDEX = '<!doctype html><title>tokenscope</title><script type="module" src="/assets/app.js"></script>\n';
const SECRET = 'the secret beside the web root\n';

describe('plain HTTP routes', () => {
  let t: TestApp;
  let served: Served;
  let origin: string;
  let scratch: string; // outside every data root: the web root, a secret, places to move files to
  let webRoot: string;

  before(async () => {
    scratch = await realpath(await mkdtemp(join(tmpdir(), 'tokenscope-routes-')));
    webRoot = join(scratch, 'web');
    await mkdir(join(webRoot, 'assets', 'fonts'), { recursive: true });
    await writeFile(join(webRoot, 'index.html'), INDEX);
    await writeFile(join(webRoot, 'assets', 'app.js'), 'console.log("dashboard");\n');
    await writeFile(join(webRoot, 'assets', 'app.css'), 'body { margin: 0 }\n');
    await writeFile(join(webRoot, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    await writeFile(join(webRoot, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(webRoot, 'assets', 'app.js.map'), '{"version":3}\n');
    await writeFile(join(webRoot, 'assets', 'fonts', 'inter.woff2'), Buffer.from('wOF2'));
    await writeFile(join(webRoot, 'assets', 'big.bin'), Buffer.alloc(8 << 20, 7));
    await writeFile(join(webRoot, 'assets', '.env'), 'hidden\n');
    await writeFile(join(scratch, 'secret.txt'), SECRET);
    t = await createTestApp({ webRoot, modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    served = await serve(t.app);
    origin = served.origin;
  });
  after(async () => {
    await served.close();
    await t.close();
    await rm(scratch, { recursive: true, force: true });
  });

  /** Runs `body` with parts of the API config replaced, as if the server had been started with them. */
  async function withConfig(patch: Partial<ApiConfig>, body: () => Promise<void>): Promise<void> {
    const saved = t.app.services.config;
    t.app.services.config = { ...saved, ...patch };
    try {
      await body();
    } finally {
      t.app.services.config = saved;
    }
  }

  describe('the dashboard', () => {
    it('serves index.html at / and /index.html with no-cache and the security headers', async () => {
      for (const path of ['/', '/index.html']) {
        const res = await fetch(origin + path);
        assert.equal(res.status, 200, path);
        assert.equal(await res.text(), INDEX);
        assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
        assert.equal(res.headers.get('cache-control'), 'no-cache');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
        assert.equal(res.headers.get('content-security-policy'), DASHBOARD_CSP);
        assert.match(DASHBOARD_CSP, /^default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'$/);
      }
    });

    it('answers HEAD with the headers only, and 304 to a matching If-None-Match', async () => {
      const head = await fetch(`${origin}/`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(INDEX)));
      assert.equal(await head.text(), '');
      const etag = head.headers.get('etag')!;
      assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
      const revalidated = await fetch(`${origin}/`, { headers: { 'if-none-match': `"other", ${etag}` } });
      assert.equal(revalidated.status, 304);
      assert.equal(await revalidated.text(), '');
      assert.equal(revalidated.headers.get('etag'), etag);
      assert.equal((await fetch(`${origin}/`, { headers: { 'if-none-match': '"other"' } })).status, 200);
    });

    it('serves assets with their content types and an hour of caching', async () => {
      const expected: [string, string][] = [
        ['app.js', 'text/javascript; charset=utf-8'],
        ['app.css', 'text/css; charset=utf-8'],
        ['logo.svg', 'image/svg+xml'],
        ['logo.png', 'image/png'],
        ['app.js.map', 'application/json; charset=utf-8'],
        ['fonts/inter.woff2', 'font/woff2'],
      ];
      for (const [name, type] of expected) {
        const res = await fetch(`${origin}/assets/${name}`);
        assert.equal(res.status, 200, name);
        assert.equal(res.headers.get('content-type'), type, name);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=3600', name);
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), await readFile(join(webRoot, 'assets', name)), name);
      }
    });

    it('answers 404 for a missing asset and 405 for a write', async () => {
      const missing = await fetch(`${origin}/assets/nope.js`);
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /no asset "nope\.js"/);
      const post = await fetch(`${origin}/`, { method: 'POST', body: 'x' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET, HEAD');
    });

    it('refuses every path that tries to leave the assets folder, and never serves the file beside the web root', async () => {
      const attempts = [
        '/assets/../secret.txt',
        '/assets/../../secret.txt',
        '/assets/..%2fsecret.txt',
        '/assets/..%2F..%2Fsecret.txt',
        '/assets/%2e%2e/secret.txt',
        '/assets/%2E%2E%2fsecret.txt',
        '/assets/fonts/../../index.html',
        '/assets/..%5csecret.txt',
        '/assets/%5c..%5csecret.txt',
        '/assets/%2fetc%2fpasswd',
        '/assets//etc/passwd',
        '/assets/app.js%00.png',
        '/assets/.env',
        '/assets/%zz',
      ];
      for (const path of attempts) {
        const res = await rawRequest(origin, path);
        assert.equal(res.status, 400, path);
        assert.equal(res.body.toString(), 'invalid asset path\n', path);
      }
      // Decoded once, a double-encoded `..` is a literal (missing) file name, not a way out.
      const doubled = await rawRequest(origin, '/assets/%252e%252e%252fsecret.txt');
      assert.equal(doubled.status, 404);
      // Outside /assets/ nothing is served from disk at all.
      for (const path of ['/secret.txt', '/web/index.html', '/x/../secret.txt', '/%2e%2e/secret.txt']) {
        const res = await rawRequest(origin, path);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(res.body.toString(), /secret beside/, path);
      }
    });

    it('answers 503 saying how to build it when the web root has no index.html, and 404 for its assets', async () => {
      const empty = join(scratch, 'empty-web');
      await mkdir(empty, { recursive: true });
      await withConfig({ webRoot: empty }, async () => {
        for (const path of ['/', '/index.html']) {
          const res = await fetch(origin + path);
          assert.equal(res.status, 503, path);
          assert.equal(await res.text(), 'dashboard not built: run npm run build\n');
        }
        assert.equal((await fetch(`${origin}/assets/app.js`)).status, 404);
      });
    });

    it('closes the file when a client goes away mid-download, and keeps serving', { skip: process.platform !== 'linux' }, async () => {
      const openFds = async () => (await readdir('/proc/self/fd')).length;
      const baseline = await openFds();
      const { hostname, port } = new URL(origin);
      await new Promise<void>((resolve, reject) => {
        const req = get({ hostname, port, path: '/assets/big.bin', agent: false }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => undefined); // the abort itself
      });
      let now = await openFds();
      for (let i = 0; i < 100 && now > baseline; i++) {
        await sleep(20);
        now = await openFds();
      }
      assert.ok(now <= baseline, `${now - baseline} descriptors still open after the abort`);
      assert.equal((await fetch(`${origin}/assets/app.js`)).status, 200);
    });
  });

  describe('original audio at /media/audio/<id>', () => {
    let folder: string;
    let keepId: number;
    let movedId: number;
    let goneId: number;
    let codesId: number;
    let bytes: Buffer;

    before(async () => {
      folder = join(t.root, 'media');
      await mkdir(folder);
      // Different lengths, so the three files are three audios.
      bytes = wavBytes([testSignal(1, 24000)], 24000);
      await writeFile(join(folder, 'a-keep.wav'), bytes);
      await writeFile(join(folder, 'b-moved.wav'), wavBytes([testSignal(1.2, 24000)], 24000));
      await writeFile(join(folder, 'c-gone.wav'), wavBytes([testSignal(1.4, 24000)], 24000));
      [keepId, movedId, goneId] = (await ingestAudioFolder(t, 'media', folder)) as [number, number, number];
      const codes = await writeJsonl(join(t.root, 'codes.jsonl'), [randomRows(seededRandom(3), 4)]);
      codesId = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'codes', paths: [codes] })).ingestCodes.files[0]!.audioIds[0]!;
    });

    const media = (id: number | string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> => rawRequest(origin, `/media/audio/${id}`, { method, headers });

    it('streams the whole file with its type and Accept-Ranges', async () => {
      const res = await media(keepId);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, bytes);
      assert.equal(res.headers['content-type'], 'audio/wav');
      assert.equal(res.headers['accept-ranges'], 'bytes');
      assert.equal(res.headers['content-length'], String(bytes.length));
    });

    it('answers single byte ranges with 206, the exact bytes and Content-Range', async () => {
      const size = bytes.length;
      const cases: [string, number, number][] = [
        ['bytes=10-19', 10, 19],
        ['bytes=-100', size - 100, size - 1],
        ['bytes=48000-', 48000, size - 1],
        ['bytes=0-0', 0, 0],
        [`bytes=${size - 5}-999999999`, size - 5, size - 1],
        [`bytes=-${size * 2}`, 0, size - 1],
      ];
      for (const [range, start, end] of cases) {
        const res = await media(keepId, { range });
        assert.equal(res.status, 206, range);
        assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${size}`, range);
        assert.equal(res.headers['content-length'], String(end - start + 1), range);
        assert.deepEqual(res.body, bytes.subarray(start, end + 1), range);
      }
    });

    it('answers 416 with Content-Range bytes */size for a range past the end', async () => {
      for (const range of [`bytes=${bytes.length}-`, `bytes=${bytes.length + 10}-${bytes.length + 20}`, 'bytes=-0']) {
        const res = await media(keepId, { range });
        assert.equal(res.status, 416, range);
        assert.equal(res.headers['content-range'], `bytes */${bytes.length}`, range);
      }
    });

    it('honours If-Range naming the file (its ETag or date) and sends it all when it names another version', async () => {
      const first = await media(keepId, { range: 'bytes=0-9' });
      for (const validator of [String(first.headers['etag']), String(first.headers['last-modified'])]) {
        const res = await media(keepId, { range: 'bytes=10-19', 'if-range': validator });
        assert.equal(res.status, 206, validator);
        assert.deepEqual(res.body, bytes.subarray(10, 20));
      }
      const stale = await media(keepId, { range: 'bytes=10-19', 'if-range': 'Mon, 01 Jan 2001 00:00:00 GMT' });
      assert.equal(stale.status, 200);
      assert.deepEqual(stale.body, bytes);
    });

    it('sends the whole file for several ranges, a malformed range, another unit, or a stale If-Range', async () => {
      const cases: Record<string, string>[] = [{ range: 'bytes=0-1,5-6' }, { range: 'bytes=abc' }, { range: 'bytes=20-10' }, { range: 'items=0-1' }, { range: 'bytes=-' }, { range: 'bytes=0-9', 'if-range': '"whatever"' }];
      for (const headers of cases) {
        const res = await media(keepId, headers);
        assert.equal(res.status, 200, JSON.stringify(headers));
        assert.deepEqual(res.body, bytes, JSON.stringify(headers));
      }
    });

    it('answers HEAD with the lengths and no body', async () => {
      const full = await media(keepId, {}, 'HEAD');
      assert.equal(full.status, 200);
      assert.equal(full.headers['content-length'], String(bytes.length));
      assert.equal(full.body.length, 0);
      const part = await media(keepId, { range: 'bytes=10-19' }, 'HEAD');
      assert.equal(part.status, 206);
      assert.equal(part.headers['content-range'], `bytes 10-19/${bytes.length}`);
      assert.equal(part.body.length, 0);
    });

    it('answers 404 naming the reason for codes, unknown and malformed ids', async () => {
      const cases: [string | number, string][] = [
        [codesId, `audio ${codesId} was ingested from codes: no original audio\n`],
        [999999, 'audio 999999 does not exist\n'],
        ['abc', 'no audio "abc": audio ids are positive integers\n'],
        ['0', 'no audio "0": audio ids are positive integers\n'],
        [`${keepId}/x`, `no audio "${keepId}/x": audio ids are positive integers\n`],
      ];
      for (const [id, message] of cases) {
        const res = await media(id);
        assert.equal(res.status, 404, String(id));
        assert.equal(res.body.toString(), message);
      }
    });

    it('needs no API key to read', async () => {
      await withConfig({ apiKey: KEY }, async () => assert.equal((await media(keepId)).status, 200));
    });

    it('answers 403 without naming any folder once the data roots no longer hold the file', async () => {
      const elsewhere = join(scratch, 'other-root');
      await mkdir(elsewhere, { recursive: true });
      await withConfig({ dataRoots: [elsewhere] }, async () => {
        const res = await media(keepId);
        assert.equal(res.status, 403);
        assert.equal(res.body.toString(), `audio ${keepId}: its original file is not inside the folders this server may read\n`);
      });
      assert.equal((await media(keepId)).status, 200, 'readable again under the original roots');
    });

    it('answers 403 when the file was moved outside the data roots and a symlink left in its place', async () => {
      const original = join(folder, 'b-moved.wav');
      await rename(original, join(scratch, 'b-moved.wav'));
      await symlink(join(scratch, 'b-moved.wav'), original);
      const res = await media(movedId);
      assert.equal(res.status, 403);
      assert.doesNotMatch(res.body.toString(), new RegExp(`${scratch}|${t.root}|b-moved`));
    });

    it('answers 404 when the file is gone', async () => {
      await unlink(join(folder, 'c-gone.wav'));
      const res = await media(goneId);
      assert.equal(res.status, 404);
      assert.equal(res.body.toString(), `audio ${goneId}: its original file is gone\n`);
    });
  });

  describe('uploads at /upload', () => {
    const wav = wavBytes([testSignal(1, 24000, 5)], 24000);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const put = (query: Record<string, string>, body: Buffer | readonly Buffer[], headers: Record<string, string> = {}, method = 'PUT') =>
      rawRequest(origin, `/upload?${new URLSearchParams(query).toString()}`, { method, body, headers });
    const json = (res: RawResponse) => JSON.parse(res.body.toString()) as Record<string, unknown>;
    const errorOf = (res: RawResponse) => (json(res) as { error: { code: string; message: string } }).error;
    const uploads = async (corpus: string) => (await readdir(join(t.root, 'uploads', corpus)).catch(() => [] as string[])).sort();

    it('stores the file inside the data roots, and ingestAudio takes the path it returns', async () => {
      const res = await put({ corpus: 'up', name: 'tone.wav' }, wav);
      assert.equal(res.status, 201);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const path = join(await realpath(t.root), 'uploads', 'up', 'tone.wav');
      assert.deepEqual(json(res), { path, bytes: wav.length, sha256: sha(wav), reused: false });
      assert.deepEqual(await readFile(path), wav);
      assert.deepEqual(await uploads('up'), ['tone.wav'], 'no temporary file left');

      const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus: 'up', paths: [path], model: FIXTURE_MODEL })).ingestAudio;
      await t.app.services.audio.jobs.idle();
      const job = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob;
      assert.deepEqual(job.results.map((r) => [r.path, r.status]), [[path, 'INGESTED']]);
      const played = await rawRequest(origin, `/media/audio/${job.results[0]!.audioIds[0]!}`);
      assert.deepEqual(played.body, wav, 'the uploaded file plays back');
    });

    it('reuses a file with the same bytes (200) and gives other bytes a hash-suffixed name', async () => {
      const again = await put({ corpus: 'up', name: 'tone.wav' }, wav);
      assert.equal(again.status, 200);
      assert.equal(json(again)['reused'], true);
      assert.equal(json(again)['path'], join(await realpath(t.root), 'uploads', 'up', 'tone.wav'));
      const other = wavBytes([testSignal(1, 24000, 6).map((v) => v / 2)], 24000);
      const renamed = await put({ corpus: 'up', name: 'tone.wav' }, other);
      assert.equal(renamed.status, 201);
      assert.equal(json(renamed)['path'], join(await realpath(t.root), 'uploads', 'up', `tone-${sha(other).slice(0, 8)}.wav`));
      assert.equal((await put({ corpus: 'up', name: 'tone.wav' }, other)).status, 200, 'the suffixed copy is reused too');
      assert.deepEqual(await uploads('up'), [`tone-${sha(other).slice(0, 8)}.wav`, 'tone.wav']);
    });

    it('keeps only the base name of a path, with odd characters replaced', async () => {
      const cases: [string, string][] = [
        ['../../x.wav', 'x.wav'],
        ['..\\..\\y.WAV', 'y.WAV'],
        ['/etc/z.flac', 'z.flac'],
        ['a:b*c?d\u00e9.mp3', 'a_b_c_d_.mp3'],
      ];
      for (const [name, stored] of cases) {
        const body = Buffer.from(`not really audio: ${name}`);
        const res = await put({ corpus: 'names', name }, body);
        assert.equal(res.status, 201, name);
        assert.equal(json(res)['path'], join(await realpath(t.root), 'uploads', 'names', stored), name);
      }
      assert.deepEqual(await readdir(join(t.root, 'uploads')), ['names', 'up'], 'nothing landed beside the corpus folders');
    });

    it('refuses bad names and corpora with 400 naming the value, storing nothing', async () => {
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ corpus: 'bad', name: 'notes.md' }, 'UNSUPPORTED_FORMAT', /name must end in \.wav, \.flac, \.mp3, \.ogg, \.opus \(audio\) or \.txt, \.csv \(labels\); received "notes\.md"/],
        [{ corpus: 'bad', name: 'README' }, 'UNSUPPORTED_FORMAT', /received "README"/],
        [{ corpus: 'bad', name: '.hidden.wav' }, 'INVALID_ARGUMENT', /name must not start with '\.'; received "\.hidden\.wav"/],
        [{ corpus: 'bad', name: `${'a'.repeat(200)}.wav` }, 'INVALID_ARGUMENT', /at most 200 characters; received 204/],
        [{ corpus: 'bad', name: '../' }, 'INVALID_ARGUMENT', /name must be a file name; received "\.\.\/"/],
        [{ corpus: 'bad corpus', name: 'x.wav' }, 'INVALID_ARGUMENT', /corpus name must be .*; received "bad corpus"/],
        [{ corpus: '../etc', name: 'x.wav' }, 'INVALID_ARGUMENT', /received "\.\.\/etc"/],
        [{ corpus: '..', name: 'x.wav' }, 'INVALID_ARGUMENT', /corpus "\.\." cannot name an upload folder/],
        [{ name: 'x.wav' }, 'INVALID_ARGUMENT', /received ""/],
      ];
      for (const [query, code, message] of cases) {
        const res = await put(query, wav);
        assert.equal(res.status, 400, JSON.stringify(query));
        assert.equal(errorOf(res).code, code, JSON.stringify(query));
        assert.match(errorOf(res).message, message);
      }
      assert.deepEqual(await uploads('bad'), []);
      const empty = await put({ corpus: 'bad', name: 'x.wav' }, Buffer.alloc(0));
      assert.equal(empty.status, 400);
      assert.match(errorOf(empty).message, /the upload body is empty/);
      assert.deepEqual(await uploads('bad'), []);
    });

    it('answers 405 to other methods, POST included (a cross-site form could send one without asking)', async () => {
      for (const method of ['GET', 'POST']) {
        const res = await rawRequest(origin, '/upload?corpus=c&name=x.wav', method === 'POST' ? { method, body: wav } : {});
        assert.equal(res.status, 405, method);
        assert.equal(res.headers['allow'], 'PUT');
        assert.equal(errorOf(res).code, 'METHOD_NOT_ALLOWED');
      }
      assert.deepEqual(await uploads('c'), []);
    });

    it('refuses an upload from a page of another origin, storing nothing', async () => {
      const res = await put({ corpus: 'xsite', name: 'x.wav' }, wav, { origin: 'http://evil.example' });
      assert.equal(res.status, 403);
      assert.equal(errorOf(res).code, 'UNAUTHENTICATED');
      assert.match(errorOf(res).message, /another origin \(http:\/\/evil\.example\)/);
      assert.deepEqual(await uploads('xsite'), []);
      const same = await put({ corpus: 'xsite', name: 'x.wav' }, wav, { origin });
      assert.equal(same.status, 201, 'the dashboard itself (same origin) may upload');
    });

    it('refuses a body over the limit by its Content-Length, before reading it', async () => {
      await withConfig({ uploadMaxBytes: 1000 }, async () => {
        const res = await put({ corpus: 'big', name: 'big.wav' }, Buffer.alloc(5000, 1));
        assert.equal(res.status, 413);
        assert.deepEqual(errorOf(res), { code: 'LIMIT_EXCEEDED', message: 'upload must be at most 1000 bytes; received Content-Length 5000' });
        assert.equal(res.headers['connection'], 'close');
      });
      assert.deepEqual(await uploads('big'), []);
    });

    it('stops a chunked body at the limit and removes the partial file', async () => {
      await withConfig({ uploadMaxBytes: 1000 }, async () => {
        const res = await put({ corpus: 'streamed', name: 'big.wav' }, Array.from({ length: 6 }, () => Buffer.alloc(400, 2)));
        assert.equal(res.status, 413);
        assert.equal(errorOf(res).code, 'LIMIT_EXCEEDED');
        assert.match(errorOf(res).message, /^upload must be at most 1000 bytes; received at least 1200$/);
        const ok = await put({ corpus: 'streamed', name: 'small.wav' }, [Buffer.alloc(400, 3), Buffer.alloc(400, 4)]);
        assert.equal(ok.status, 201, 'a chunked body under the limit is stored');
        assert.equal(json(ok)['bytes'], 800);
      });
      assert.deepEqual(await uploads('streamed'), ['small.wav'], 'the refused upload left nothing behind');
    });

    it('removes the partial file when the client goes away mid-upload', async () => {
      const { hostname, port } = new URL(origin);
      const req = request({ hostname, port, path: '/upload?corpus=aborted&name=a.wav', method: 'PUT', headers: { 'content-length': '10000' }, agent: false });
      req.on('error', () => undefined); // the abort itself
      req.write(Buffer.alloc(3000, 9));
      for (let i = 0; i < 100 && !(await uploads('aborted')).length; i++) await sleep(10);
      assert.equal((await uploads('aborted')).filter((n) => n.endsWith('.part')).length, 1, 'the upload was being written');
      req.destroy();
      for (let i = 0; i < 100 && (await uploads('aborted')).length; i++) await sleep(10);
      assert.deepEqual(await uploads('aborted'), []);
      assert.equal((await put({ corpus: 'aborted', name: 'a.wav' }, wav)).status, 201, 'and the server goes on');
    });

    it('needs mutation access: 403 without the key when one is configured, or on an exposed host without one', async () => {
      await withConfig({ apiKey: KEY }, async () => {
        const refused = await put({ corpus: 'keyed', name: 'k.wav' }, wav);
        assert.equal(refused.status, 403);
        assert.equal(errorOf(refused).code, 'UNAUTHENTICATED');
        assert.match(errorOf(refused).message, /mutations need the API key/);
        const wrong = await put({ corpus: 'keyed', name: 'k.wav' }, wav, { 'x-api-key': 'nope' });
        assert.match(errorOf(wrong).message, /the API key presented is wrong/);
        assert.deepEqual(await uploads('keyed'), []);
        assert.equal((await put({ corpus: 'keyed', name: 'k.wav' }, wav, { authorization: `Bearer ${KEY}` })).status, 201);
      });
      await withConfig({ host: '0.0.0.0' }, async () => {
        const refused = await put({ corpus: 'keyed', name: 'k2.wav' }, wav);
        assert.equal(refused.status, 403);
        assert.match(errorOf(refused).message, /listens on 0\.0\.0\.0 and no API key is configured/);
      });
    });

    it('creates a data root that does not exist yet along with the upload folder', async () => {
      const fresh = join(scratch, 'fresh-root');
      await withConfig({ dataRoots: [fresh], uploadDir: join(fresh, 'uploads') }, async () => {
        const res = await put({ corpus: 'first', name: 'x.wav' }, wav);
        assert.equal(res.status, 201);
        assert.equal(json(res)['path'], join(fresh, 'uploads', 'first', 'x.wav'));
      });
    });

    it('answers 403 without naming folders when the upload folder is not inside the data roots, creating nothing', async () => {
      const outside = join(scratch, 'outside-uploads');
      await symlink(scratch, join(t.root, 'escape'));
      for (const uploadDir of [outside, join(t.root, 'escape', 'via-link'), null]) {
        await withConfig({ uploadDir }, async () => {
          const res = await put({ corpus: 'c', name: 'x.wav' }, wav);
          assert.equal(res.status, 403, String(uploadDir));
          assert.equal(errorOf(res).code, 'PATH_OUTSIDE_ROOTS');
          assert.match(errorOf(res).message, /^uploads are disabled: /);
          assert.doesNotMatch(errorOf(res).message, new RegExp(`${scratch}|${t.root}`));
        });
      }
      assert.deepEqual((await readdir(scratch)).filter((n) => n.includes('uploads') || n === 'via-link'), []);
    });
  });
});
