import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { AudioLayersDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import type { GraphQLOutcome } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** Audios with their corpus and per-layer top tokens: every per-audio field goes through a loader. */
const AudiosWithCorpus = parse(`
  query AudiosWithCorpus($corpus: String!, $first: Int!) {
    audios(corpus: $corpus, first: $first) {
      nodes { id corpus { name audioCount models } layers { number entropyBits topTokens(limit: 2) { token count } } }
    }
  }`) as TypedDocumentNode<
  { audios: { nodes: { id: string; corpus: { name: string; audioCount: number; models: string[] }; layers: { number: number; topTokens: unknown[] }[] }[] } },
  { corpus: string; first: number }
>;

/** Most statements a page of audios with layers, top tokens and corpus may cost, whatever its size. */
const MOST_STATEMENTS = 8;

describe('statements per query', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp();
    const random = seededRandom(50);
    for (const size of [5, 50]) {
      const path = await writeJsonl(join(t.root, `corpus-${size}.jsonl`), Array.from({ length: size }, () => randomRows(random, 3)));
      dataOf(await execute(t.app, IngestCodesDocument, { corpus: `corpus-${size}`, paths: [path] }));
    }
  });
  after(() => t?.close());

  /** Runs `query` and returns its outcome with the number of SQL statements it issued. */
  async function counted<T>(query: () => Promise<GraphQLOutcome<T>>): Promise<{ data: T; statements: number }> {
    const before = t.app.store.db.statementCount;
    const data = dataOf(await query());
    return { data, statements: t.app.store.db.statementCount - before };
  }

  it('issues as many statements for the layers and top tokens of 50 audios as for 5', async () => {
    const five = await counted(() => execute(t.app, AudioLayersDocument, { corpus: 'corpus-5', first: 50, top: 3 }));
    const fifty = await counted(() => execute(t.app, AudioLayersDocument, { corpus: 'corpus-50', first: 50, top: 3 }));
    assert.equal(five.data.audios.nodes.length, 5);
    assert.equal(fifty.data.audios.nodes.length, 50);
    for (const node of fifty.data.audios.nodes) {
      assert.equal(node.layers.length, LAYER_COUNT);
      for (const layer of node.layers) assert.ok(layer.topTokens.length >= 1 && layer.topTokens.length <= 3);
    }
    assert.equal(fifty.statements, five.statements, `5 audios: ${five.statements} statements, 50 audios: ${fifty.statements}`);
    assert.ok(fifty.statements <= MOST_STATEMENTS, `${fifty.statements} statements`);
  });

  it('issues as many statements when each audio also asks for its corpus', async () => {
    const five = await counted(() => execute(t.app, AudiosWithCorpus, { corpus: 'corpus-5', first: 50 }));
    const fifty = await counted(() => execute(t.app, AudiosWithCorpus, { corpus: 'corpus-50', first: 50 }));
    assert.deepEqual(new Set(fifty.data.audios.nodes.map((n) => `${n.corpus.name}:${n.corpus.audioCount}`)), new Set(['corpus-50:50']));
    assert.equal(fifty.statements, five.statements, `5 audios: ${five.statements} statements, 50 audios: ${fifty.statements}`);
    assert.ok(fifty.statements <= MOST_STATEMENTS, `${fifty.statements} statements`);
  });
});
