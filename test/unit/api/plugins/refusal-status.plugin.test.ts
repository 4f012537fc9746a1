import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema } from 'graphql';
import { formatError } from '../../../../src/api/error-format.js';
import { refusalStatus } from '../../../../src/api/plugins/refusal-status.plugin.js';
import { ErrorCode, TokenscopeError } from '../../../../src/errors.js';

/** Status and first error code of `{ hello }` on a server whose only other plugin throws `refusal` before execution. */
async function refused(refusal: Error): Promise<{ status: number | undefined; code: unknown }> {
  const server = new ApolloServer({
    schema: buildSchema('type Query { hello: String }'),
    formatError,
    plugins: [
      {
        async requestDidStart() {
          return {
            async didResolveOperation() {
              throw refusal;
            },
          };
        },
      },
      refusalStatus(),
    ],
  });
  await server.start();
  const originalError = console.error;
  console.error = () => {}; // masked internal errors are logged: keep the test output clean
  try {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ hello }' } }, context: async () => ({}) });
    assert.equal(response.body.kind, 'complete');
    const body = JSON.parse(response.body.kind === 'complete' ? response.body.string : '{}') as { errors: { extensions: { code: unknown } }[] };
    return { status: response.status, code: body.errors[0]!.extensions.code };
  } finally {
    console.error = originalError;
    await server.stop();
  }
}

describe('refusalStatus', () => {
  it('answers a domain error thrown by a guard with the status of its kind, not 500', async () => {
    const cases: [ErrorCode, number][] = [
      [ErrorCode.LIMIT_EXCEEDED, 400],
      [ErrorCode.INVALID_ARGUMENT, 400],
      [ErrorCode.UNAUTHENTICATED, 401],
      [ErrorCode.PATH_OUTSIDE_ROOTS, 403],
      [ErrorCode.NOT_FOUND, 404],
      [ErrorCode.ALREADY_EXISTS, 409],
    ];
    for (const [code, status] of cases) assert.deepEqual(await refused(new TokenscopeError(code, 'refused')), { status, code }, code);
  });

  it('keeps 500 for internal errors and for errors that are not the domain\'s', async () => {
    assert.deepEqual(await refused(new TokenscopeError(ErrorCode.INTERNAL, 'broken')), { status: 500, code: ErrorCode.INTERNAL });
    assert.deepEqual(await refused(new Error('boom')), { status: 500, code: ErrorCode.INTERNAL });
  });
});
