import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Agent, request } from 'node:http';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { print } from 'graphql';
import type { DocumentNode } from 'graphql';
import { LIMITS } from '../../src/api/limits.js';
import { CorporaDocument, CreateCorpusDocument, DeleteCorpusDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';
import { rawRequest, serve, serveOnLoopback } from '../support/http.js';
import type { RawResponse, Served } from '../support/http.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { testSignal, wavBytes } from '../support/wav.js';

const EVIL = 'evil.example:4100';

/** The /graphql body cap, bytes (server.ts). */
const MAX_BODY = 1 << 20;

/** The JSON body of a GraphQL-shaped error answer. */
interface ErrorsBody {
  errors: { message: string; extensions: { code: string } }[];
}

const errorsOf = (res: RawResponse) => (JSON.parse(res.body.toString()) as ErrorsBody).errors;

const CORPORA = Buffer.from(JSON.stringify({ query: '{ corpora { name } }' }));

const gql = (document: DocumentNode, variables: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({ query: print(document), variables }));

/** POSTs a GraphQL body to /graphql with the given headers. */
const postRaw = (origin: string, body: Buffer | string, headers: Record<string, string> = {}) =>
  rawRequest(origin, '/graphql', { method: 'POST', body: Buffer.from(body), headers: { 'content-type': 'application/json', ...headers } });

/** POSTs `{ corpora { name } }` under Host `host` (the one node:http sets when null). */
const probe = (origin: string, host: string | null) => postRaw(origin, CORPORA, host === null ? {} : { host });

describe('the HTTP edge', () => {
  describe('the Host check (DNS rebinding)', () => {
    let t: TestApp;
    let served: Served;
    let port: string;

    before(async () => {
      t = await createTestApp({});
      served = await serve(t.app);
      port = new URL(served.origin).port;
    });
    after(async () => {
      await served.close();
      await t.close();
    });

    const corpusNames = async () => dataOf(await execute(t.app, CorporaDocument, {})).corpora.map((c) => c.name);

    const assertRefused = (res: RawResponse, host: string | null, what: string) => {
      assert.equal(res.status, 421, what);
      assert.equal(res.headers['connection'], 'close', what);
      const [error, ...more] = errorsOf(res);
      assert.deepEqual(more, [], what);
      assert.equal(error!.extensions.code, 'HOST_NOT_ALLOWED', what);
      if (host === null) assert.match(error!.message, /^the request has no Host header: /, what);
      else assert.ok(error!.message.startsWith(`Host ${JSON.stringify(host.slice(0, 100))} does not name this server`), `${what}: ${error!.message}`);
      assert.match(error!.message, /--allowed-host/, what);
      assert.match(error!.message, /TOKENSCOPE_ALLOWED_HOSTS/, what);
    };

    it('refuses the rebinding attack (Host evil.example + a matching Origin): createCorpus, deleteCorpus and PUT /upload, changing nothing', async () => {
      dataOf(await execute(t.app, CreateCorpusDocument, { name: 'kept' }));
      const headers = { host: EVIL, origin: `http://${EVIL}` };
      const created = await postRaw(served.origin, gql(CreateCorpusDocument, { name: 'planted' }), headers);
      assertRefused(created, EVIL, 'createCorpus');
      assert.match(errorsOf(created)[0]!.message, /--allowed-host evil\.example\b/);
      assertRefused(await postRaw(served.origin, gql(DeleteCorpusDocument, { name: 'kept' }), headers), EVIL, 'deleteCorpus');
      const wav = wavBytes([testSignal(1, 24000)], 24000);
      assertRefused(await rawRequest(served.origin, '/upload?corpus=planted&name=x.wav', { method: 'PUT', body: wav, headers }), EVIL, 'PUT /upload');
      assert.deepEqual(await corpusNames(), ['kept']);
      assert.deepEqual(await readdir(join(t.root, 'uploads')).catch(() => []), [], 'no upload folder or file was created');
    });

    it('refuses a foreign Host on every route, a 404 included', async () => {
      const routes: [string, string][] = [['GET', '/graphql?query=%7Bcorpora%7Bname%7D%7D'], ['GET', '/'], ['GET', '/index.html'], ['GET', '/assets/app.js'], ['GET', '/media/audio/1'], ['PUT', '/upload'], ['GET', '/nowhere']];
      for (const [method, path] of routes) assertRefused(await rawRequest(served.origin, path, { method, headers: { host: EVIL } }), EVIL, `${method} ${path}`);
    });

    it('refuses DNS names that look like loopback, unparseable hosts and a missing Host, quoting at most 100 characters', async () => {
      for (const host of [`127.evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost.evil.example:${port}`, 'sub.localhost', '127.1', '0.0.0.0', `[::2]:${port}`, 'a b', `${'x'.repeat(300)}.example`]) {
        assertRefused(await probe(served.origin, host), host, host);
      }
      // node:http always sends a Host header, and node refuses HTTP/1.1 without one: send HTTP/1.0 by hand.
      const res = await rawHttp(served.origin, 'GET /graphql?query=%7Bcorpora%7Bname%7D%7D HTTP/1.0\r\n\r\n');
      assert.match(res, /^HTTP\/1\.1 421 /);
      assert.match(res, /the request has no Host header/);
    });

    it('accepts the loopback names and the listening address, in any case and with any port', async () => {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, 'localhost', `localhost.:${port}`, `127.8.9.10:${port}`, `[::1]:${port}`, '[0:0:0:0:0:0:0:1]', '127.0.0.1:1']) {
        assert.equal((await probe(served.origin, host)).status, 200, host);
      }
    });

    it('accepts the names given with --allowed-host (TOKENSCOPE_ALLOWED_HOSTS), and only those', async () => {
      const saved = t.app.services.config;
      t.app.services.config = { ...saved, allowedHosts: ['tokenscope.example', '192.168.1.5'] };
      try {
        for (const host of ['tokenscope.example', 'TokenScope.Example:443', '192.168.1.5:4000']) {
          assert.equal((await probe(served.origin, host)).status, 200, host);
        }
        for (const host of ['evil.tokenscope.example', 'tokenscope.example.evil', '192.168.1.6']) {
          assertRefused(await probe(served.origin, host), host, host);
        }
      } finally {
        t.app.services.config = saved;
      }
    });
  });

  describe('on one loopback server', () => {
    let t: TestApp;
    let served: Served;

    before(async () => {
      t = await createTestApp({});
      served = await serve(t.app);
    });
    after(async () => {
      await served.close();
      await t.close();
    });

    it('puts nosniff, X-Frame-Options DENY and frame-ancestors \'none\' on every response, refusals and 404s included', async () => {
      const responses: [string, RawResponse][] = [
        ['POST /graphql', await probe(served.origin, null)],
        ['GET /', await rawRequest(served.origin, '/')],
        ['GET /assets/none.js', await rawRequest(served.origin, '/assets/none.js')],
        ['GET /media/audio/99', await rawRequest(served.origin, '/media/audio/99')],
        ['GET /upload', await rawRequest(served.origin, '/upload')],
        ['GET /nowhere', await rawRequest(served.origin, '/nowhere')],
        ['bad JSON', await postRaw(served.origin, '{"query": ')],
        ['foreign Host', await probe(served.origin, EVIL)],
        ['over the body cap', await postRaw(served.origin, Buffer.alloc(MAX_BODY + 1, 32))],
      ];
      for (const [what, res] of responses) {
        assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
        assert.equal(res.headers['x-frame-options'], 'DENY', what);
        assert.match(String(res.headers['content-security-policy']), /(^|; )frame-ancestors 'none'$/, what);
      }
    });

    it('answers introspection on a loopback server', async () => {
      const res = await postRaw(served.origin, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
      assert.equal(res.status, 200);
      assert.deepEqual(JSON.parse(res.body.toString()), { data: { __schema: { queryType: { name: 'Query' } } } });
    });

    describe('client mistakes are answered 400 with their code, not 500', () => {
      const one = (res: RawResponse) => {
        const errors = errorsOf(res);
        assert.equal(errors.length, 1, JSON.stringify(errors));
        return errors[0]!;
      };
      const send = (body: Record<string, unknown>) => postRaw(served.origin, JSON.stringify(body));

      it('a variable that does not coerce, or a required one missing: BAD_USER_INPUT', async () => {
        const query = 'query Q($n: Int!) { audios(corpus: "c", first: $n) { nodes { id } } }';
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ n: 'abc' }, /^Variable "\$n" got invalid value "abc"; Int cannot represent non-integer value: "abc"$/],
          [{}, /^Variable "\$n" of required type "Int!" was not provided\.$/],
        ];
        for (const [variables, message] of cases) {
          const res = await send({ query, variables });
          assert.equal(res.status, 400, JSON.stringify(variables));
          const error = one(res);
          assert.equal(error.extensions.code, 'BAD_USER_INPUT');
          assert.match(error.message, message);
        }
        const enumRes = await send({ query: 'query Q($f: LabelFormat!) { corpusLabels(corpus: "c", format: $f) { name } }', variables: { f: 'NOPE' } });
        assert.equal(enumRes.status, 400);
        assert.equal(one(enumRes).extensions.code, 'BAD_USER_INPUT');
      });

      it('an unknown operation name: OPERATION_RESOLUTION_FAILURE', async () => {
        const res = await send({ query: 'query A { corpora { name } }', operationName: 'B' });
        assert.equal(res.status, 400);
        assert.deepEqual(one(res), { message: 'Unknown operation named "B".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
      });

      it('a document over the token limit, or nested too deeply to parse: LIMIT_EXCEEDED', async () => {
        const long = await send({ query: `{ ${Array.from({ length: LIMITS.maxTokens }, (_, i) => `a${i}: __typename`).join(' ')} }` });
        assert.equal(long.status, 400);
        const tokens = 3 * LIMITS.maxTokens + 2;
        assert.deepEqual(one(long), {
          message: `document holds ${tokens} tokens, more than the maximum of ${LIMITS.maxTokens} (maxTokens); send a smaller query`,
          extensions: { code: 'LIMIT_EXCEEDED', kind: 'LIMIT_EXCEEDED', limit: 'maxTokens', tokens, max: LIMITS.maxTokens },
        });
        const levels = 3000;
        const deep = await send({ query: `{ ${'corpora { '.repeat(levels)}name${' }'.repeat(levels)} }` });
        assert.equal(deep.status, 400);
        assert.equal(one(deep).extensions.code, 'LIMIT_EXCEEDED');
      });
    });

    describe('a /graphql body over the 1 MiB cap', () => {
      it('is answered 413 with LIMIT_EXCEEDED naming the cap, declared by Content-Length or sent chunked', async () => {
        for (const body of [Buffer.alloc(MAX_BODY + 1, 32), [Buffer.alloc(MAX_BODY, 32), Buffer.alloc(10, 32)]]) {
          const res = await rawRequest(served.origin, '/graphql', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
          assert.equal(res.status, 413);
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
          const [error, ...more] = errorsOf(res);
          assert.deepEqual(more, []);
          assert.equal(error!.extensions.code, 'LIMIT_EXCEEDED');
          assert.match(error!.message, /^request body must be at most 1048576 bytes; received (Content-Length 1048577|at least \d+)$/);
        }
      });

      it('closes its connection, so the next request of a keep-alive client is answered', { timeout: 60_000 }, async () => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          for (const big of [Buffer.alloc(2 * MAX_BODY, 32), [Buffer.alloc(MAX_BODY, 32), Buffer.alloc(MAX_BODY, 32)]]) {
            const refused = await agentPost(agent, served.origin, big);
            assert.equal(refused.status, 413);
            assert.equal(refused.headers['connection'], 'close');
            const next = await agentPost(agent, served.origin, CORPORA);
            assert.equal(next.status, 200);
            assert.deepEqual(JSON.parse(next.body.toString()), { data: { corpora: [] } });
          }
        } finally {
          agent.destroy();
        }
      });
    });

    it('keeps a keep-alive client answered after the other routes refuse a body early', { timeout: 60_000 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const saved = t.app.services.config;
      t.app.services.config = { ...saved, uploadMaxBytes: 1000 };
      try {
        const body = Buffer.alloc(200_000, 7);
        const refusals: [string, string, Buffer | readonly Buffer[], number][] = [
          ['PUT', '/upload?corpus=c&name=a.wav', body, 413],
          ['PUT', '/upload?corpus=c&name=a.wav', [body, body], 413],
          ['PUT', '/upload?corpus=c&name=a.md', body, 400],
          ['POST', '/', body, 405],
          ['POST', '/media/audio/1', body, 405],
          ['POST', '/nowhere', body, 404],
        ];
        for (const [method, path, sent, status] of refusals) {
          assert.equal((await agentSend(agent, served.origin, method, path, sent)).status, status, `${method} ${path}`);
          assert.equal((await agentPost(agent, served.origin, CORPORA)).status, 200, `after ${method} ${path}`);
        }
      } finally {
        t.app.services.config = saved;
        agent.destroy();
      }
    });
  });

  describe('tokenscope serve', () => {
    it('answers the names given with --allowed-host and refuses others', { timeout: 60_000 }, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'tokenscope-serve-'));
      const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'src', 'cli', 'main.js'), 'serve', '--port', '0', '--db', ':memory:', '--data-root', dir, '--allowed-host', 'tokenscope.example', '--allowed-host', 'Other.Example:8443'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const origin = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /GraphQL API at (http:\/\/[^/]+)\/graphql/.exec(out);
            if (m) resolve(m[1]!);
          });
          child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
        });
        for (const host of ['tokenscope.example', 'other.example:4000', new URL(origin).host]) assert.equal((await probe(origin, host)).status, 200, host);
        assert.equal((await probe(origin, EVIL)).status, 421);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a server configured for 0.0.0.0', () => {
    it('refuses introspection unless --introspection (TOKENSCOPE_INTROSPECTION=1) asks for it', async () => {
      for (const introspection of [null, true]) {
        const t = await createTestApp({ host: '0.0.0.0', introspection });
        const served = await serveOnLoopback(t.app);
        try {
          const res = await postRaw(served.origin, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
          if (introspection) {
            assert.equal(res.status, 200);
            assert.equal((JSON.parse(res.body.toString()) as { data: { __schema: { queryType: { name: string } } } }).data.__schema.queryType.name, 'Query');
          } else {
            assert.equal(res.status, 400);
            const [error] = errorsOf(res);
            assert.equal(error!.extensions.code, 'GRAPHQL_VALIDATION_FAILED');
            assert.match(error!.message, /introspection/i);
          }
          assert.equal((await probe(served.origin, null)).status, 200, 'other queries are answered');
        } finally {
          await served.close();
          await t.close();
        }
      }
    });

    it('answers only the loopback names until names are allowed', async () => {
      const t = await createTestApp({ host: '0.0.0.0' });
      const served = await serveOnLoopback(t.app);
      try {
        assert.equal((await probe(served.origin, null)).status, 200, '127.0.0.1');
        for (const host of ['0.0.0.0', '192.168.1.5', 'myhost.lan']) assert.equal((await probe(served.origin, host)).status, 421, host);
      } finally {
        await served.close();
        await t.close();
      }
      const named = await createTestApp({ host: '0.0.0.0', allowedHosts: ['myhost.lan'] });
      const namedServed = await serveOnLoopback(named.app);
      try {
        assert.equal((await probe(namedServed.origin, 'myhost.lan:4000')).status, 200);
      } finally {
        await namedServed.close();
        await named.close();
      }
    });
  });
});

/** POSTs a body (chunked when several buffers) to /graphql through `agent`; errors after the answer are ignored. */
function agentPost(agent: Agent, origin: string, body: Buffer | readonly Buffer[]): Promise<RawResponse> {
  return agentSend(agent, origin, 'POST', '/graphql', body);
}

/** Sends a request with a body (chunked when several buffers) through `agent`; errors after the answer are ignored. */
function agentSend(agent: Agent, origin: string, method: string, path: string, body: Buffer | readonly Buffer[]): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const chunks = Buffer.isBuffer(body) ? [body] : body;
  const headers = { 'content-type': 'application/json', ...(Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ hostname, port, path, method, headers, agent }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** Sends `text` as is over a new TCP connection and resolves with all that comes back. */
function rawHttp(origin: string, text: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = createConnection({ host: hostname, port: Number(port) }, () => socket.end(text));
    socket.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString())).on('error', reject);
  });
}
