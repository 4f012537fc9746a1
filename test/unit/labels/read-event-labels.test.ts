import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { fileStem, readEventLabels } from '../../../src/labels/read-event-labels.js';
import { assertRejectsCode } from '../../support/errors.js';

describe('reading event labels of any format', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenscope-event-labels-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('reduces file names to stems', () => {
    assert.equal(fileStem('audio/street/b099.wav'), 'b099');
    assert.equal(fileStem('C:\\data\\x.flac'), 'x');
    assert.equal(fileStem('plain'), 'plain');
  });

  it('reads a label CSV, a single Audacity track (named after its file) and a DCASE list', async () => {
    await writeFile(join(dir, 'labels.csv'), 'file,start_s,end_s,label\nrec/a.wav,1.000000,2.000000,cough\n');
    await writeFile(join(dir, 'b.txt'), '0.5\t0.75\tsneeze\n');
    await writeFile(join(dir, 'list.tsv'), 'filename\tonset\toffset\tevent_label\nc.wav\t3\t4\tdoor\nd.wav\n');
    assert.deepEqual(await readEventLabels(join(dir, 'labels.csv')), { rows: [{ file: 'a', start: 1, end: 2, label: 'cough' }], files: ['a'] });
    assert.deepEqual(await readEventLabels(join(dir, 'b.txt')), { rows: [{ file: 'b', start: 0.5, end: 0.75, label: 'sneeze' }], files: ['b'] });
    assert.deepEqual(await readEventLabels(join(dir, 'list.tsv')), { rows: [{ file: 'c', start: 3, end: 4, label: 'door' }], files: ['c', 'd'] });
  });

  describe('misuse', () => {
    it('rejects two file names with one stem, naming both', async () => {
      await mkdir(join(dir, 'clash'));
      await writeFile(join(dir, 'clash', 'list.txt'), 'x/a.wav\t1\t2\tdog\ny/a.wav\t1\t2\tdog\n');
      await assertRejectsCode(readEventLabels(join(dir, 'clash')), ErrorCode.INVALID_LABELS, /list\.txt: "y\/a\.wav" and "x\/a\.wav" have one stem "a"; files are matched by stem, so stems must differ/);
    });

    it('rejects a path that does not exist with NOT_FOUND', async () => {
      await assertRejectsCode(readEventLabels(join(dir, 'absent')), ErrorCode.NOT_FOUND, /absent: no such label file or folder/);
    });
  });
});
