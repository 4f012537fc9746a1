import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { operationShape } from '../../../src/api/operation-shape.js';

function shape(source: string) {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationShape(op, doc);
}

/** A document of a few hundred bytes whose fragment F<levels> expands to 2^levels copies of `name description`. */
function doubling(levels: number): string {
  let source = 'fragment F0 on Corpus { name description }\n';
  for (let i = 1; i <= levels; i++) source += `fragment F${i} on Corpus { ...F${i - 1} ...F${i - 1} }\n`;
  return `${source}{ corpora { ...F${levels} } }`;
}

describe('operationShape', () => {
  it('counts nested fields as depth, following fragments and inline fragments', () => {
    assert.equal(shape('{ corpora { name } }').depth, 2);
    assert.equal(shape('{ audio(id: "1") { corpus { audios { nodes { id } } } } }').depth, 5);
    assert.equal(shape('query { audio(id: "1") { ...A } } fragment A on Audio { corpus { ... on Corpus { name } } }').depth, 3);
  });

  it('terminates on a fragment cycle, counting it once for depth', () => {
    assert.equal(shape('{ audio(id: "1") { ...A } } fragment A on Audio { corpus { id } ...A }').depth, 3);
  });

  it('counts field selections, root fields and depth through fragments and inline fragments', () => {
    const s = shape('query { corpora { ...C } audio(id: "1") { ... on Audio { id corpus { name } } } } fragment C on Corpus { name audios { nodes { id } } }');
    assert.deepEqual(s, { fields: 9, rootFields: 2, mostAliased: null, depth: 4 });
  });

  it('counts root fields a fragment spreads at the root', () => {
    assert.equal(shape('query { ...Q ...Q } fragment Q on Query { corpora { name } detectors { name } }').rootFields, 4);
  });

  it('reports the field selected under an alias most often, after expansion', () => {
    const s = shape('{ a: corpora { name } b: corpora { name } ...Q } fragment Q on Query { c: corpora { x: name y: name } }');
    assert.deepEqual(s.mostAliased, { field: 'corpora', count: 3 });
  });

  it('measures a fragment that doubles 40 times as 2^41 fields without expanding it', () => {
    const s = shape(doubling(40));
    assert.equal(s.fields, 1 + 2 ** 41);
    assert.equal(s.depth, 2);
  });

  it('counts a fragment cycle once instead of looping', () => {
    assert.deepEqual(shape('{ audio(id: "1") { ...A } } fragment A on Audio { corpus { id } ...A }'), { fields: 3, rootFields: 1, mostAliased: null, depth: 3 });
  });
});
