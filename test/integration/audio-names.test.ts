import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

function frames(seed: number): number[][] {
  return Array.from({ length: 5 }, (_, f) => Array.from({ length: 16 }, (_, l) => (seed * 997 + f * 37 + l * 101) % 2048));
}

describe('names of the audios of one JSONL', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('names each line by its audio or id field, its text, or file#line, instead of all by the file', async () => {
    const lines = [
      { audio: 'wavs/first.wav', text: 'one', audio_codes: frames(1) },
      { id: 'utt-2', audio_codes: frames(2) },
      { text: 'a transcript long enough to be cut short at forty characters', audio_codes: frames(3) },
      { audio_codes: frames(4) },
    ];
    await writeFile(join(t.root, 'set.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'named', paths: ['set.jsonl'] }));
    const result = await execute(t.app, parse('{ audios(corpus: "named", first: 10) { nodes { name source { line } } } }'), {});
    assert.deepEqual(result.errors ?? [], []);
    const nodes = (result.data as { audios: { nodes: { name: string; source: { line: number } }[] } }).audios.nodes;
    assert.deepEqual(nodes.map((n) => [n.source.line, n.name]), [
      [1, 'first.wav'],
      [2, 'utt-2'],
      [3, 'a transcript long enough to be cut shor…'],
      [4, 'set.jsonl#4'],
    ]);
  });
});
