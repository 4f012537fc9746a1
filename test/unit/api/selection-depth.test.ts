import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { selectionDepth } from '../../../src/api/selection-depth.js';

function depth(source: string): number {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return selectionDepth(op, doc);
}

describe('selectionDepth', () => {
  it('counts nested fields, following fragments and inline fragments', () => {
    assert.equal(depth('{ corpora { name } }'), 2);
    assert.equal(depth('{ audio(id: "1") { corpus { audios { nodes { id } } } } }'), 5);
    assert.equal(depth('query { audio(id: "1") { ...A } } fragment A on Audio { corpus { ... on Corpus { name } } }'), 3);
  });

  it('terminates on a fragment cycle', () => {
    assert.equal(depth('{ audio(id: "1") { ...A } } fragment A on Audio { corpus { id } ...A }'), 3);
  });
});
