import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { labelTableDelimiter, parseLabelTable } from '../../../src/labels/label-table.js';
import { parseDcaseEvents } from '../../../src/labels/parse-dcase-events.js';
import { readEventLabels } from '../../../src/labels/read-event-labels.js';
import { repoRoot } from '../../support/paths.js';
import { assertThrowsCode } from '../../support/errors.js';

const sedEval = (name: string) => readFileSync(join(repoRoot(), 'test', 'fixtures', 'sed_eval', name), 'utf8');

describe('label tables by column name', () => {
  it("reads DCASE/sed_eval's comma header filename,onset,offset,event_label", () => {
    assert.deepEqual(parseLabelTable('filename,onset,offset,event_label\na.wav,1,2.5,speech\nb.wav,0.25,0.5,"door, slam"\n', 'x.csv'), {
      rows: [
        { file: 'a.wav', start: 1, end: 2.5, label: 'speech', line: 2 },
        { file: 'b.wav', start: 0.25, end: 0.5, label: 'door, slam', line: 3 },
      ],
      files: ['a.wav', 'b.wav'],
    });
  });

  it("reads sed_eval's own tab-separated event list under a tab header with a scene column, as the headerless reader does", () => {
    const text = sedEval('street_fold1_reference.txt');
    const table = parseLabelTable(`filename\tscene_label\tonset\toffset\tevent_label\n${text}`, 'ref.txt');
    const legacy = parseDcaseEvents(text, 'ref.txt');
    assert.ok(legacy.rows.length > 10);
    assert.deepEqual(table.rows.map(({ file, start, end, label }) => ({ file, start, end, label })), legacy.rows);
    assert.deepEqual(table.files, legacy.files);
  });

  it('reads columns in any order, ignores other columns, and takes a row naming only a file as a file without events', () => {
    const table = parseLabelTable('\uFEFFlabel\tend_s\tnote\tfile\tstart_s\ncough\t2\tloud\ta.wav\t1\n\nb.wav\n', 'x.tsv');
    assert.deepEqual(table.rows, [{ file: 'a.wav', start: 1, end: 2, label: 'cough', line: 2 }]);
    assert.deepEqual(table.files, ['a.wav', 'b.wav']);
  });

  it('finds a header by its column names, tab before comma, and no header in an event line', () => {
    assert.equal(labelTableDelimiter('file,start_s,end_s,label'), ',');
    assert.equal(labelTableDelimiter('filename\tonset\toffset\tevent_label'), '\t');
    assert.equal(labelTableDelimiter('a.wav\t1\t2\tcar'), null);
    assert.equal(labelTableDelimiter('filename onset offset event_label'), null, 'space-separated lists stay with the DCASE reader');
  });

  it('reads a DCASE CSV, a sed_eval tab file with header, a headerless sed_eval file and an Audacity track through readEventLabels', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'label-table-'));
    try {
      await writeFile(join(dir, 'dcase.csv'), 'filename,onset,offset,event_label\naudio/a.wav,1,2,speech\n');
      await writeFile(join(dir, 'sed.txt'), 'filename\tonset\toffset\tevent_label\nb.wav\t0.5\t0.75\tdog\nc.wav\n');
      await writeFile(join(dir, 'legacy.txt'), 'd.wav\t3\t4\tcar\n');
      assert.deepEqual(await readEventLabels(join(dir, 'dcase.csv')), { rows: [{ file: 'a', start: 1, end: 2, label: 'speech' }], files: ['a'] });
      assert.deepEqual(await readEventLabels(join(dir, 'sed.txt')), { rows: [{ file: 'b', start: 0.5, end: 0.75, label: 'dog' }], files: ['b', 'c'] });
      assert.deepEqual(await readEventLabels(join(dir, 'legacy.txt')), { rows: [{ file: 'd', start: 3, end: 4, label: 'car' }], files: ['d'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('misuse', () => {
    it('rejects a header without a required column, naming the columns found and those expected', () => {
      assertThrowsCode(
        () => parseLabelTable('filename,onset,event_label\na.wav,1,x\n', 'x.csv'),
        ErrorCode.INVALID_LABELS,
        /^x\.csv line 1: the header must name the columns file \(or filename\), start_s \(or onset\), end_s \(or offset\), label \(or event_label\); found filename, onset, event_label; missing end_s \(or offset\)$/,
      );
      assertThrowsCode(() => parseLabelTable('', 'empty.csv'), ErrorCode.INVALID_LABELS, /^empty\.csv line 1: the header must name the columns .*; found none; missing file \(or filename\), start_s \(or onset\), end_s \(or offset\), label \(or event_label\)$/);
    });

    it('rejects a bad time, a short row and an unclosed quote, naming the file and line', () => {
      assertThrowsCode(() => parseLabelTable('filename\tonset\toffset\tevent_label\na.wav\t1\t2\tcar\na.wav\tsoon\t3\tcar\n', 'x.tsv'), ErrorCode.INVALID_LABELS, /^x\.tsv line 3: onset must be a number of seconds, got "soon"; received "a\.wav\tsoon\t3\tcar"$/);
      assertThrowsCode(() => parseLabelTable('filename,onset,offset,event_label\na.wav,1\n', 'x.csv'), ErrorCode.INVALID_LABELS, /^x\.csv line 2: expected 4 fields \(filename,onset,offset,event_label\) or the filename alone, got 2/);
      assertThrowsCode(() => parseLabelTable('file,start_s,end_s,label\n"a.wav,1,2,x\n', 'x.csv'), ErrorCode.INVALID_LABELS, /^x\.csv line \d+: not a readable CSV table \(Quote Not Closed/);
    });

    it('rejects a reversed span of a DCASE table read for evaluation', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'label-table-'));
      try {
        await writeFile(join(dir, 'rev.csv'), 'filename,onset,offset,event_label\na.wav,3,2,car\n');
        await assert.rejects(readEventLabels(join(dir, 'rev.csv')), (err: Error & { code?: string }) => err.code === ErrorCode.INVALID_LABELS && /rev\.csv line 2: expected 0 ≤ onset ≤ offset, got onset 3 and offset 2/.test(err.message));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
