import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { CorporaDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { LIMITS } from '../../src/api/limits.js';
import { MAX_ERRORS_PER_FILE } from '../../src/ingest/ingest-codes.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const MILLION = 1_000_000;

describe('bounded error lists of an ingest', () => {
  let t: TestApp;
  let million: string;

  before(async () => {
    t = await createTestApp();
    // A JSON list of a million bad tokens: 4.9 MB, one failed item per element.
    million = join(t.root, 'million.json');
    await writeFile(million, `[${new Array<string>(MILLION).fill('9999').join(',')}]`);
  });
  after(() => t?.close());

  it('reports the first errors of a file of a million bad tokens and counts them all, in a small response', async () => {
    const outcome = await execute(t.app, IngestCodesDocument, { corpus: 'million', paths: [million] });
    const bytes = Buffer.byteLength(JSON.stringify(outcome));
    assert.ok(bytes < 20_000, `response of ${bytes} bytes`);
    const file = outcome.data!.ingestCodes.files[0]!;
    assert.equal(file.status, 'FAILED');
    assert.equal(file.errorCount, MILLION);
    assert.equal(file.errors.length, MAX_ERRORS_PER_FILE);
    assert.match(file.errors[0]!.message, /million\.json element 0 \(0-based\): expected an object with audio_codes or an N×16 array, found 9999$/);
    assert.match(file.errors[MAX_ERRORS_PER_FILE - 1]!.message, /element 9 \(0-based\)/);
    // Top-level: the listed errors, then one counting the rest.
    assert.equal(outcome.errors.length, MAX_ERRORS_PER_FILE + 1);
    assert.match(outcome.errors.at(-1)!.message, /million\.json: … and 999,990 more errors in this file$/);
    assert.equal(outcome.errors.at(-1)!.extensions?.['errorCount'], MILLION);
  });

  it('stores the good matrices of a file with skipBadItems while still listing only the first errors', async () => {
    const random = seededRandom(3);
    const lines = [JSON.stringify({ audio_codes: randomRows(random, 4) })];
    for (let i = 0; i < 50; i++) lines.push('{"audio_codes": 7}');
    lines.push(JSON.stringify({ audio_codes: randomRows(random, 5) }));
    const path = join(t.root, 'mixed.jsonl');
    await writeFile(path, `${lines.join('\n')}\n`);
    const outcome = await execute(t.app, IngestCodesDocument, { corpus: 'mixed', paths: [path], skipBadItems: true });
    const file = outcome.data!.ingestCodes.files[0]!;
    assert.equal(file.status, 'PARTIAL');
    assert.equal(file.ingested, 2);
    assert.equal(file.errorCount, 50);
    assert.equal(file.errors.length, MAX_ERRORS_PER_FILE);
    assert.match(file.errors[0]!.message, /mixed\.jsonl line 2: audio_codes is 7, expected an array of rows/);
  });

  it('stores nothing of a file whose bad item comes after good ones, without skipBadItems', async () => {
    const random = seededRandom(4);
    const path = await writeJsonl(join(t.root, 'late.jsonl'), [randomRows(random, 3), randomRows(random, 3)]);
    await writeFile(path, `${JSON.stringify({ audio_codes: [[1]] })}\n`, { flag: 'a' });
    const file = (await execute(t.app, IngestCodesDocument, { corpus: 'late', paths: [path] })).data!.ingestCodes.files[0]!;
    assert.deepEqual([file.status, file.ingested, file.errorCount], ['FAILED', 0, 1]);
    const corpora = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    assert.equal(corpora.find((c) => c.name === 'late'), undefined);
  });

  it('bounds the top-level errors of a batch of many bad files, saying how many were left out', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 12; i++) {
      const path = join(t.root, `bad-${i}.json`);
      await writeFile(path, `[${new Array<string>(20).fill('-1').join(',')}]`);
      paths.push(path);
    }
    const outcome = await execute(t.app, parse('mutation($p: [String!]!) { ingestCodes(corpus: "many", paths: $p) { failedFiles files { errorCount } } }'), { p: paths });
    const data = outcome.data as { ingestCodes: { failedFiles: number; files: { errorCount: number }[] } };
    assert.equal(data.ingestCodes.failedFiles, 12);
    assert.ok(data.ingestCodes.files.every((f) => f.errorCount === 20));
    // 12 files × (10 listed + 1 count) = 132 partial errors, cut to the cap plus one note.
    assert.equal(outcome.errors.length, LIMITS.maxPartialErrors + 1);
    assert.equal(outcome.errors.at(-1)!.extensions?.['code'], 'LIMIT_EXCEEDED');
    assert.match(outcome.errors.at(-1)!.message, new RegExp(`… and 32 more errors left out of this response \\(at most ${LIMITS.maxPartialErrors} are listed\\)`));
  });
});
