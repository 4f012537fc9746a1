import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { BUILT_IN_DETECTORS, createDetectorRegistry } from '../../src/analytics/detectors/registry.js';
import type { Detector } from '../../src/analytics/detectors/detector.js';
import { countTokens } from '../../src/api/document-tokens.js';
import { LIMITS } from '../../src/api/limits.js';
import { createApi, listen } from '../../src/api/server.js';
import type { ApiServices } from '../../src/api/server.js';
import { IngestCodesDocument } from '../../src/client/generated/graphql.js';
import type { Store } from '../../src/store/store.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute, literally, onlyError } from '../support/graphql.js';
import { post, serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** POSTs a raw query string (no client-side parse, as an attacker would send it). */
async function postQuery(url: string, query: string): Promise<{ status: number; errors: GraphQLFormattedError[]; data: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: unknown; errors?: GraphQLFormattedError[] };
  return { status: response.status, errors: body.errors ?? [], data: body.data };
}

/** The tester's document: 4,900 aliases of layerStats, 239 KB. */
const ALIAS_ATTACK = `{${Array.from({ length: 4900 }, (_, i) => `a${i}: layerStats(corpora:["qwen"]) {frameCount}`).join(' ')}}`;

/** A detector with no parameters that scores every frame 0 after `work` (a test double). */
function doubleDetector(name: string, work: (env: Parameters<Detector['score']>[2]) => Promise<void>): Detector {
  return {
    name,
    description: 'test double',
    parameters: [],
    defaultThreshold: () => ({ rule: 'percentile', percentile: 95 }),
    async score(matrix, _params, env) {
      await work(env);
      return new Float64Array(matrix.frames);
    },
  };
}

/** Serves `t`'s app through a fresh API over other services (a registry or store double). */
async function serveWith(t: TestApp, services: Partial<ApiServices>): Promise<Served & { stop(): Promise<void> }> {
  const all: ApiServices = { ...t.app.services, ...services };
  const api = await createApi(all);
  const { server, url } = await listen(api, all, 0);
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, origin: new URL(url).origin, close, stop: async () => (await close(), await api.stop()) };
}

describe('request limits: nothing too big runs, and nobody is starved', () => {
  let t: TestApp;
  let served: Served;
  let audioId: string;

  before(async () => {
    t = await createTestApp({ requestTimeoutMs: 200 });
    const path = await writeJsonl(join(t.root, 'qwen.jsonl'), [randomRows(seededRandom(3), 40)]);
    audioId = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'qwen', paths: [path] })).ingestCodes.files[0]!.audioIds[0]);
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  it('refuses the 4,900-alias layerStats query with HTTP 400 LIMIT_EXCEEDED, naming the token count and cap, before any statement runs', async () => {
    assert.ok(ALIAS_ATTACK.length > 238_000, `${ALIAS_ATTACK.length} bytes`);
    const statements = t.app.store.db.statementCount;
    const refused = await postQuery(served.url, ALIAS_ATTACK);
    assert.equal(refused.status, 400);
    onlyError(refused, 'LIMIT_EXCEEDED', literally(`document holds ${countTokens(ALIAS_ATTACK)} tokens, more than the maximum of ${LIMITS.maxTokens} (maxTokens)`));
    assert.equal(t.app.store.db.statementCount, statements, 'no resolver ran');
    const next = await postQuery(served.url, '{ corpora { name } }');
    assert.deepEqual(next.data, { corpora: [{ name: 'qwen' }] });
  });

  describe('caps on one operation, refused with HTTP 400 before any statement runs', () => {
    const cases: [string, string, RegExp][] = [
      [
        `more than ${LIMITS.maxRootFields} root fields`,
        `{ ${Array.from({ length: LIMITS.maxRootFields + 1 }, (_, i) => `r${i}: corpora { name }`).join(' ')} }`,
        literally(`root fields ${LIMITS.maxRootFields + 1} exceeds the maximum of ${LIMITS.maxRootFields} (maxRootFields)`),
      ],
      [
        `more than ${LIMITS.maxAliasesPerField} aliases of one field`,
        `{ corpus(name: "qwen") { ${Array.from({ length: LIMITS.maxAliasesPerField + 1 }, (_, i) => `n${i}: audioCount`).join(' ')} } }`,
        literally(`aliases of field audioCount ${LIMITS.maxAliasesPerField + 1} exceeds the maximum of ${LIMITS.maxAliasesPerField} (maxAliasesPerField)`),
      ],
      [
        `more than ${LIMITS.maxFieldSelections} field selections`,
        // Distinct response names (graphql-js itself refuses many copies of one name while validating).
        `{ ${['a', 'b', 'c'].map((root) => `${root}: corpora { ${['name', 'description', 'id', 'audioCount', 'frameCount', 'durationSeconds', 'models', 'createdAt'].flatMap((f) => Array.from({ length: 42 }, (_, i) => `${f}${i}: ${f}`)).join(' ')} }`).join(' ')} }`,
        literally(`field selections (after fragment expansion) ${3 + 3 * 8 * 42} exceeds the maximum of ${LIMITS.maxFieldSelections} (maxFieldSelections)`),
      ],
      [
        'a few fragments that double 30 times, counted after expansion',
        `fragment F0 on Corpus { name audioCount }\n${Array.from({ length: 30 }, (_, i) => `fragment F${i + 1} on Corpus { ...F${i} ...F${i} }`).join('\n')}\n{ corpora { ...F30 } }`,
        literally(`field selections (after fragment expansion) ${1 + 2 ** 31} exceeds the maximum of ${LIMITS.maxFieldSelections}`),
      ],
    ];
    for (const [what, query, message] of cases) {
      it(`refuses ${what}`, async () => {
        const statements = t.app.store.db.statementCount;
        const refused = await postQuery(served.url, query);
        assert.equal(refused.status, 400);
        onlyError(refused, 'LIMIT_EXCEEDED', message);
        assert.equal(t.app.store.db.statementCount, statements, 'no resolver ran');
      });
    }

    it('refuses a fragment cycle as a validation error', async () => {
      const refused = await postQuery(served.url, 'fragment A on Corpus { name ...B } fragment B on Corpus { ...A } { corpora { ...A } }');
      assert.equal(refused.status, 400);
      onlyError(refused, 'GRAPHQL_VALIDATION_FAILED', /Cannot spread fragment "A" within itself via "B"/);
    });

    it('refuses an operation over the cost limit even from a trusted in-process caller', async () => {
      const corpora = Array.from({ length: LIMITS.maxCorpora }, () => '"qwen"').join(', ');
      const costly = `{ ${Array.from({ length: LIMITS.maxRootFields }, (_, i) => `s${i}: layerStats(corpora: [${corpora}]) { frameCount }`).join(' ')} }`;
      const statements = t.app.store.db.statementCount;
      onlyError(await execute(t.app, parse(costly), {}), 'LIMIT_EXCEEDED', literally(`exceeds the maximum of ${LIMITS.maxComplexity}`));
      assert.equal(t.app.store.db.statementCount, statements, 'no resolver ran');
    });
  });

  it('cancels a query that runs past its time budget: it is answered with LIMIT_EXCEEDED and its detector stops reading the store', async () => {
    const cap = 2000;
    let reads = 0;
    let loop!: Promise<unknown>;
    const spinning = doubleDetector('spinning', (env) => {
      loop = (async () => {
        while (reads < cap) {
          await env.ctx.corpusVersion!('qwen');
          reads++;
        }
      })();
      return loop.then(() => undefined);
    });
    const s = await serveWith(t, { registry: createDetectorRegistry([...BUILT_IN_DETECTORS, spinning]) });
    try {
      const answered = await postQuery(s.url, `{ detect(audioId: "${audioId}", detector: { name: "spinning" }) { frameCount } }`);
      onlyError(answered, 'LIMIT_EXCEEDED', /request ran past its time budget of 200 ms .*its work was cancelled/);
      await assert.rejects(loop, /time budget of 200 ms/, 'the loop ended on the budget');
      assert.ok(reads < cap, `stopped after ${reads} of ${cap} reads`);
      const stoppedAt = reads;
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(reads, stoppedAt, 'no read after the stop');
    } finally {
      await s.stop();
    }
  });

  it('answers at the budget even when a resolver ignores the signal', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const deaf = doubleDetector('deaf', () => stuck.then(() => void (finished = true)));
    const s = await serveWith(t, { registry: createDetectorRegistry([...BUILT_IN_DETECTORS, deaf]) });
    try {
      const answered = await postQuery(s.url, `{ detect(audioId: "${audioId}", detector: { name: "deaf" }) { frameCount } }`);
      onlyError(answered, 'LIMIT_EXCEEDED', /time budget of 200 ms/);
      assert.equal(finished, false, 'answered while the work still ran');
    } finally {
      release();
      await s.stop();
    }
  });

  it('answers a cheap query while heavy ones hold the read connections they are allowed', async () => {
    // A double of the store's read pool: 4 connections (Database's default), held while a heavy
    // detector waits at its gate; `corpora` needs one too.
    let free = 4;
    const queue: (() => void)[] = [];
    const withConnection = async <T>(work: () => Promise<T>): Promise<T> => {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        const next = queue.shift();
        if (next) next();
        else free++;
      }
    };
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let entered = 0;
    const gated = doubleDetector('gated', () => withConnection(() => (entered++, gate)));
    const realStore = t.app.store;
    const corpora = Object.assign(Object.create(realStore.corpora) as Store['corpora'], { list: () => withConnection(() => realStore.corpora.list()) });
    const store: Store = { ...realStore, corpora };
    // A budget far longer than the test, so that only the lanes decide who waits.
    const config = { ...t.app.services.config, requestTimeoutMs: 60_000 };
    const s = await serveWith(t, { store, config, registry: createDetectorRegistry([...BUILT_IN_DETECTORS, gated]) });
    const order: string[] = [];
    try {
      const heavy = Array.from({ length: 4 }, (_, i) =>
        // Distinct parameters: identical detect requests would share one computation (the result cache).
        post(s.url, parse(`{ detect(audioId: "${audioId}", detector: { name: "gated", params: { threshold: { rule: "percentile", percentile: ${90 + i} } } }) { frameCount } }`), {}).then((r) => (order.push(`heavy ${i}`), r)),
      );
      const deadline = Date.now() + 30_000;
      while (entered < Math.min(4, LIMITS.heavyConcurrency)) {
        assert.ok(Date.now() < deadline, `only ${entered} heavy requests reached the pool`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 100)); // let any other heavy request reach the pool
      const cheap = post(s.url, parse('{ corpora { name } }'), {}).then((r) => (order.push('cheap'), r));
      // Without lanes the cheap query waits for a connection until the gate opens: open it in the end.
      const fallback = setTimeout(openGate, 2000);
      const answered = await cheap;
      openGate();
      clearTimeout(fallback);
      assert.deepEqual(answered.data, { corpora: [{ name: 'qwen' }] });
      for (const r of await Promise.all(heavy)) assert.deepEqual(r.errors, []);
      assert.equal(order[0], 'cheap', `answered in the order ${order.join(', ')}`);
    } finally {
      openGate();
      await s.stop();
    }
  });
});
