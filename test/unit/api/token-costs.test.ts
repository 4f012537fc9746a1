import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LIMITS } from '../../../src/api/limits.js';
import { operationCost } from '../../../src/api/operation-cost.js';
import { createSchema } from '../../../src/api/schema.js';
import { repoRoot } from '../../support/paths.js';

describe('costs of the token and size-matched queries', () => {
  let schema: GraphQLSchema;
  let doc: DocumentNode;
  before(async () => {
    schema = await createSchema();
    doc = parse(readFileSync(join(repoRoot(), 'src/client/operations/tokens.graphql'), 'utf8'));
  });
  const cost = (name: string, variables: Record<string, unknown>) => operationCost(schema, doc, name, variables);

  it('sends a bigram count, a scan of a whole layer, to the heavy lane', () => {
    assert.ok(cost('TokenBigrams', { corpus: 'c', layer: 1 }) >= LIMITS.heavyCost);
  });

  it('charges entropy per corpus and size: every default size is heavy, one matched size or a distinct-token curve is not', () => {
    assert.ok(cost('Rarefaction', { corpora: ['a', 'b'] }) >= LIMITS.heavyCost);
    assert.ok(cost('Rarefaction', { corpora: ['a', 'b'], frames: [1000] }) < LIMITS.heavyCost);
    assert.ok(cost('RarefactionCurve', { corpora: ['a', 'b'] }) < LIMITS.heavyCost);
    assert.ok(cost('Rarefaction', { corpora: Array.from({ length: 32 }, (_, i) => `c${i}`), frames: Array.from({ length: 32 }, (_, i) => i + 1) }) > LIMITS.maxComplexity, 'the largest request is refused before it runs');
  });

  it('keeps a token search, counts and a page of places, in the cheap lane', () => {
    assert.ok(cost('TokenOccurrences', { layer: 1, token: 5, first: 20 }) < LIMITS.heavyCost);
  });
});
