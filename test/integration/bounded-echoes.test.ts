import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { CreateCorpusDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { MAX_PARAM_DEPTH } from '../../src/analytics/detectors/resolve-params.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** [[[…[1]…]]] nested `depth` arrays deep. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('bounded echoes of received values', () => {
  let t: TestApp;
  let audioId: string;

  before(async () => {
    t = await createTestApp();
    const path = await writeJsonl(join(t.root, 'echo.jsonl'), [randomRows(seededRandom(5), 12)]);
    audioId = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'echo', paths: [path] })).ingestCodes.files[0]!.audioIds[0]);
  });
  after(() => t?.close());

  it('refuses a 900 KB corpus name with a small INVALID_ARGUMENT error', async () => {
    const outcome = await execute(t.app, CreateCorpusDocument, { name: 'x'.repeat(900_000) });
    const error = onlyError(outcome, 'INVALID_ARGUMENT', /^corpus name must be 1–128 letters, digits, '\.', '_' or '-'; received 900000 characters, starting "x{40}"$/);
    const bytes = Buffer.byteLength(JSON.stringify(error));
    assert.ok(bytes < 1_000, `error of ${bytes} bytes`);
  });

  it('answers a 5,000-deep params value given as a variable with INVALID_ARGUMENT naming the parameter and the depth limit', async () => {
    const query = parse('query($id: ID!, $p: JSONObject) { detect(audioId: $id, detector: { name: "keyLayerVariance", params: $p }) { threshold } }');
    onlyError(
      await execute(t.app, query, { id: audioId, p: { percentile: nested(5_000) } }),
      'INVALID_ARGUMENT',
      new RegExp(`^parameter percentile of detector keyLayerVariance nests arrays and objects more than ${MAX_PARAM_DEPTH} levels deep; at most ${MAX_PARAM_DEPTH} are accepted$`),
    );
  });

  it('answers a deep params value written in the query the same way', async () => {
    const literal = `${'['.repeat(1_000)}1${']'.repeat(1_000)}`;
    const query = parse(`{ detect(audioId: "${audioId}", detector: { name: "keyLayerVariance", params: { a: 1, threshold: ${literal} } }) { threshold } }`);
    onlyError(await execute(t.app, query, {}), 'INVALID_ARGUMENT', /detector keyLayerVariance has no parameter "a"/);
    const deep = parse(`{ detect(audioId: "${audioId}", detector: { name: "keyLayerVariance", params: { threshold: ${literal} } }) { threshold } }`);
    onlyError(await execute(t.app, deep, {}), 'INVALID_ARGUMENT', /^parameter threshold of detector keyLayerVariance nests arrays and objects more than 32 levels deep/);
  });

  it('echoes at most an excerpt of a long params value', async () => {
    const query = parse('query($id: ID!, $p: JSONObject) { detect(audioId: $id, detector: { name: "keyLayerVariance", params: $p }) { threshold } }');
    const error = onlyError(await execute(t.app, query, { id: audioId, p: { percentile: 'p'.repeat(900_000) } }), 'INVALID_ARGUMENT', /received "p{99}… \(900002 characters\) \(string\)$/);
    assert.ok(Buffer.byteLength(JSON.stringify(error)) < 1_000);
  });
});
