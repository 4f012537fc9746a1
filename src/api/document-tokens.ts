import { Lexer, Source, TokenKind } from 'graphql';
import { ErrorCode, TokenscopeError } from '../errors.js';

/**
 * Lexical tokens in a GraphQL document, counted in one linear pass (the lexer alone, no parse).
 * A lexing error ends the count: the parser reports it afterwards.
 */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) n++;
  } catch {
    // A syntax error: what was counted so far is a lower bound, and parse() will say what is wrong.
  }
  return n;
}

/** LIMIT_EXCEEDED when `source` holds more than `max` tokens, before anything parses it. */
export function checkDocumentTokens(source: string, max: number): void {
  const tokens = countTokens(source);
  if (tokens > max) {
    throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `document holds ${tokens} tokens, more than the maximum of ${max} (maxTokens); send a smaller query`, { limit: 'maxTokens', tokens, max });
  }
}
