import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IngestCodesDocument, SetAudioLabelsDocument } from '../../src/client/generated/graphql.js';
import { LIMITS } from '../../src/api/limits.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('setAudioLabels', () => {
  let t: TestApp;
  let id: string;
  before(async () => {
    t = await createTestApp();
    const frames = Array.from({ length: 25 }, (_, f) => Array.from({ length: 16 }, (_, l) => (f * 37 + l * 101) % 2048));
    await writeFile(join(t.root, 'a.jsonl'), `${JSON.stringify({ audio_codes: frames })}\n`);
    id = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'c', paths: ['a.jsonl'] })).ingestCodes.files[0]!.audioIds[0]);
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'other', paths: ['a.jsonl'] }));
  });
  after(async () => t.close());

  it('replaces the labels of an audio by id', async () => {
    const r = dataOf(await execute(t.app, SetAudioLabelsDocument, { corpus: 'c', audioLabels: [{ audioId: id, labels: [{ startSeconds: 0.2, endSeconds: 0.6, label: 'dog' }] }] })).setAudioLabels;
    assert.deepEqual(r, { audios: 1, labels: 1 });
  });

  describe('misuse', () => {
    const refused = async (variables: Parameters<typeof execute<unknown, { corpus: string; audioLabels: { audioId: string; labels: { startSeconds: number; endSeconds: number; label: string }[] }[] }>>[2]) => {
      const result = await execute(t.app, SetAudioLabelsDocument, variables);
      return result.errors?.[0];
    };
    it('refuses an audio of another corpus, a span past the end, an audio named twice and too many spans', async () => {
      const span = { startSeconds: 0, endSeconds: 0.5, label: 'x' };
      const other = await refused({ corpus: 'other', audioLabels: [{ audioId: id, labels: [span] }] });
      assert.equal(other?.extensions?.['code'], 'NOT_FOUND');
      assert.equal(other?.message, `audioId ${id}: no audio with that id in corpus "other"`);
      const late = await refused({ corpus: 'c', audioLabels: [{ audioId: id, labels: [{ startSeconds: 1, endSeconds: 9, label: 'x' }] }] });
      assert.equal(late?.extensions?.['code'], 'INVALID_LABELS');
      const twice = await refused({ corpus: 'c', audioLabels: [{ audioId: id, labels: [span] }, { audioId: id, labels: [] }] });
      assert.equal(twice?.message, `audioLabels names audio ${id} twice; give each audio once with all its spans`);
      const many = await refused({ corpus: 'c', audioLabels: [{ audioId: id, labels: Array.from({ length: LIMITS.maxLabelSpans + 1 }, () => span) }] });
      assert.equal(many?.extensions?.['code'], 'LIMIT_EXCEEDED');
      assert.equal(many?.message, `audioLabels must hold at most ${LIMITS.maxLabelSpans} spans; received ${LIMITS.maxLabelSpans + 1}`);
    });
  });
});
