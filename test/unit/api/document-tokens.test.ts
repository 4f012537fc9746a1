import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { checkDocumentTokens, countTokens } from '../../../src/api/document-tokens.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('document tokens', () => {
  it('counts the lexical tokens of a document, comments and commas aside', () => {
    assert.equal(countTokens('{ a: layerStats(corpora: ["qwen"]) { frameCount } } # note'), 15);
    assert.equal(countTokens('{ a, b }'), 4);
  });

  it('counts what precedes a lexing error and leaves the error to the parser', () => {
    assert.equal(countTokens('{ a "unterminated'), 2);
  });

  it('refuses a document over the maximum with LIMIT_EXCEEDED, naming the count and the cap', () => {
    assertThrowsCode(() => checkDocumentTokens('{ a b c }', 4), ErrorCode.LIMIT_EXCEEDED, /document holds 5 tokens, more than the maximum of 4 \(maxTokens\)/);
    checkDocumentTokens('{ a b }', 4);
  });
});
