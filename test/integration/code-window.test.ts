import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeWindowDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, transpose, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const FRAMES = 37;

describe('the codes window of an audio', () => {
  let t: TestApp;
  let rows: Rows;
  let id: string;

  before(async () => {
    t = await createTestApp();
    rows = randomRows(seededRandom(37), FRAMES);
    const path = await writeJsonl(join(t.root, 'window.jsonl'), [rows]);
    id = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'window', paths: [path] })).ingestCodes.files[0]!.audioIds[0]);
  });
  after(() => t?.close());

  const window = async (startFrame: number, frameCount: number) =>
    dataOf(await execute(t.app, CodeWindowDocument, { id, startFrame, frameCount })).audio.codes;

  it('returns the source rows frame-major and their transpose layer-major', async () => {
    const codes = await window(10, 20);
    assert.equal(codes.startFrame, 10);
    assert.equal(codes.frameCount, 20);
    assert.deepEqual(codes.frameMajor, rows.slice(10, 30));
    assert.deepEqual(codes.layerMajor, transpose(rows.slice(10, 30)));
    assert.equal(codes.layerMajor.length, 16);
    codes.layerMajor.forEach((layerRow, l) => layerRow.forEach((token, f) => assert.equal(token, codes.frameMajor[f]![l])));
    assert.equal(codes.startSeconds, 10 * 0.08);
    assert.equal(codes.endSeconds, 30 * 0.08);
  });

  it('returns the whole matrix when the window covers it', async () => {
    const codes = await window(0, 4096);
    assert.equal(codes.frameCount, FRAMES);
    assert.deepEqual(codes.frameMajor, rows);
  });

  it('clips a window that runs past the end to the frames that exist', async () => {
    const codes = await window(FRAMES - 7, 20);
    assert.equal(codes.frameCount, 7);
    assert.deepEqual(codes.frameMajor, rows.slice(FRAMES - 7));
    assert.deepEqual(codes.layerMajor, transpose(rows.slice(FRAMES - 7)));
    assert.equal(codes.endSeconds, FRAMES * 0.08);
  });

  it('returns an empty window that starts past the end', async () => {
    const codes = await window(FRAMES + 3, 10);
    assert.equal(codes.frameCount, 0);
    assert.deepEqual(codes.frameMajor, []);
    assert.deepEqual(codes.layerMajor, Array.from({ length: 16 }, () => []));
  });
});
