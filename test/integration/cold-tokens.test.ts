import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ColdTokensDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import type { ColdTokensQuery } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const MODEL = 'external:qwen3-tts-tokenizer-12hz';

/** The cold tokens of `target` against `reference`, worked out directly from the rows. */
function expectedColdTokens(
  reference: readonly Rows[],
  target: readonly { id: number; rows: Rows }[],
  layers: readonly number[],
  maxReferenceCount: number,
  limit: number,
  occurrences: number,
): ColdTokensQuery['coldTokens'] {
  const out: (ColdTokensQuery['coldTokens'][number] & { places: { audio: number; frame: number }[] })[] = [];
  for (const layer of layers) {
    const referenceCount = new Map<number, number>();
    for (const rows of reference) for (const row of rows) referenceCount.set(row[layer - 1]!, (referenceCount.get(row[layer - 1]!) ?? 0) + 1);
    const places = new Map<number, { audio: number; frame: number }[]>();
    for (const { id, rows } of [...target].sort((a, b) => a.id - b.id)) {
      rows.forEach((row, frame) => {
        const token = row[layer - 1]!;
        places.set(token, [...(places.get(token) ?? []), { audio: id, frame }]);
      });
    }
    for (const [token, list] of places) {
      const count = referenceCount.get(token) ?? 0;
      if (count > maxReferenceCount) continue;
      out.push({
        model: MODEL,
        layer,
        token,
        referenceCount: count,
        targetCount: list.length,
        audioCount: new Set(list.map((p) => p.audio)).size,
        occurrences: [],
        places: list,
      });
    }
  }
  return out
    .sort((a, b) => a.referenceCount - b.referenceCount || b.targetCount - a.targetCount || a.layer - b.layer || a.token - b.token)
    .slice(0, limit)
    .map(({ places, ...cold }) => ({
      ...cold,
      occurrences: places.slice(0, occurrences).map(({ audio, frame }) => ({ frame, seconds: frame * 0.08, audio: { id: String(audio) } })),
    }));
}

describe('coldTokens between a reference and a target corpus', () => {
  let t: TestApp;
  let reference: Rows[];
  let target: { id: number; rows: Rows }[];

  before(async () => {
    t = await createTestApp();
    const random = seededRandom(2048);
    // Small token ranges, so that tokens recur and reference counts 0, 1, 2, … all occur.
    reference = [randomRows(random, 10, 0, 12), randomRows(random, 7, 0, 12), randomRows(random, 9, 2, 14)];
    const targetRows = [randomRows(random, 8, 0, 16), randomRows(random, 6, 4, 18), randomRows(random, 5, 0, 16)];
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'reference', paths: [await writeJsonl(join(t.root, 'reference.jsonl'), reference)] }));
    // The target is ingested as two files so its audio ids follow the order the files are given in.
    const paths = [await writeJsonl(join(t.root, 'target-b.jsonl'), targetRows.slice(1)), await writeJsonl(join(t.root, 'target-a.jsonl'), targetRows.slice(0, 1))];
    const report = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'target', paths })).ingestCodes;
    const ids = report.files.flatMap((f) => f.audioIds);
    target = [
      { id: ids[2]!, rows: targetRows[0]! },
      { id: ids[0]!, rows: targetRows[1]! },
      { id: ids[1]!, rows: targetRows[2]! },
    ];
  });
  after(() => t?.close());

  it('lists tokens never seen in the reference, with counts, audio counts and first occurrences, coldest first', async () => {
    const all = Array.from({ length: 16 }, (_, i) => i + 1);
    const expected = expectedColdTokens(reference, target, all, 0, 200, 5);
    assert.ok(expected.length > 20, `only ${expected.length} cold tokens: the fixture does not exercise much`);
    const result = dataOf(await execute(t.app, ColdTokensDocument, { reference: 'reference', target: 'target', limit: 200, occurrences: 5 })).coldTokens;
    assert.deepEqual(result, expected);
  });

  it('counts tokens seen at most maxReferenceCount times in the chosen layers as cold', async () => {
    const expected = expectedColdTokens(reference, target, [2, 9, 16], 2, 200, 4);
    assert.ok(expected.some((c) => c.referenceCount === 2) && expected.some((c) => c.referenceCount === 0), 'fixture lacks rare tokens');
    const result = dataOf(
      await execute(t.app, ColdTokensDocument, { reference: 'reference', target: 'target', layers: [16, 2, 9], maxReferenceCount: 2, limit: 200, occurrences: 4 }),
    ).coldTokens;
    assert.deepEqual(result, expected);
  });

  it('keeps the coldest `limit` tokens in order', async () => {
    const expected = expectedColdTokens(reference, target, Array.from({ length: 16 }, (_, i) => i + 1), 1, 7, 1);
    const result = dataOf(await execute(t.app, ColdTokensDocument, { reference: 'reference', target: 'target', maxReferenceCount: 1, limit: 7, occurrences: 1 })).coldTokens;
    assert.deepEqual(result, expected);
  });

  it('finds nothing cold in a corpus against itself', async () => {
    const result = dataOf(await execute(t.app, ColdTokensDocument, { reference: 'target', target: 'target' })).coldTokens;
    assert.deepEqual(result, []);
  });
});
