import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { AttachedDatasets } from '../../../src/store/attached-datasets.js';
import type { Attachment } from '../../../src/store/attached-datasets.js';
import { ATTACHED_ID_BASE, MAX_SLOTS, SLOT_SPAN, attachedId, isAttachedId, splitAttachedId } from '../../../src/store/attached-ids.js';

function attachment(slot: number): Attachment {
  return {
    slot,
    name: `d${slot}`,
    path: '/nowhere/ds',
    manifestSha256: '0'.repeat(64),
    attachedAt: new Date(0),
    corpora: ['a', 'b'].map((corpus, i) => ({ id: attachedId(slot, i), name: `d${slot}/${corpus}`, corpus, description: null, createdAt: new Date(0) })),
    files: [{ table: 'corpus_token_counts', corpus: 'a', path: 'corpus_token_counts/corpus=a/model=m/part-0.parquet', sizeBytes: 10, mtimeMs: 1 }],
  };
}

describe('attached ids', () => {
  it('places every slot and key above the native ids and inside a UINTEGER', () => {
    assert.equal(attachedId(0, 0), 2 ** 31);
    assert.equal(attachedId(MAX_SLOTS - 1, SLOT_SPAN - 1), 2 ** 32 - 1);
    assert.deepEqual(splitAttachedId(attachedId(5, 1234)), { slot: 5, key: 1234 });
    assert.equal(isAttachedId(ATTACHED_ID_BASE - 1), false);
  });
});

describe('AttachedDatasets', () => {
  it('gives the native table itself when a read names no attached id', async () => {
    const sets = new AttachedDatasets();
    sets.use(attachment(0));
    assert.equal(await sets.relation('corpus_token_counts', { corpusIds: [1, 2] }), 'corpus_token_counts');
    assert.equal(await sets.relation('frames', { audioIds: [7] }), 'frames');
  });

  it('refuses a read whose file is gone with DATASET_CHANGED naming it', async () => {
    const sets = new AttachedDatasets();
    sets.use(attachment(0));
    await assert.rejects(sets.relation('corpus_token_counts', { corpusIds: [attachedId(0, 0)] }), (err: { code: string; message: string }) => {
      assert.equal(err.code, ErrorCode.DATASET_CHANGED);
      assert.match(err.message, /attached dataset "d0": file \/nowhere\/ds\/corpus_token_counts\/corpus=a\/model=m\/part-0\.parquet is gone/);
      return true;
    });
  });

  it('finds corpora by id and by name, takes the lowest free slot, and forgets a detached dataset', () => {
    const sets = new AttachedDatasets();
    sets.use(attachment(0));
    sets.use(attachment(2));
    assert.equal(sets.corpus('d2/b')?.id, attachedId(2, 1));
    assert.equal(sets.corpus(attachedId(0, 0))?.name, 'd0/a');
    assert.equal(sets.freeSlot(MAX_SLOTS), 1);
    sets.forget(0);
    assert.equal(sets.corpus('d0/a'), undefined);
    assert.equal(sets.freeSlot(MAX_SLOTS), 0);
    assert.throws(() => sets.refuseWrites('d2/a', 'ingesting'), (err: { code: string; message: string }) => err.code === ErrorCode.READ_ONLY_CORPUS && /corpus "d2\/a" is attached read-only \(dataset "d2"\); ingesting needs a native corpus/.test(err.message));
  });
});
