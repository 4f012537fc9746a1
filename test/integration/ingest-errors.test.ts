import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AudioPageDocument, CorporaDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { encodeNpy, npyHeader } from '../../src/ingest/codes/npy-writer.js';
import { jsonlLine, randomRows, seededRandom, writeJsonl, writeText } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute, literally } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** A bad input: how to make it (returns the path to give ingestCodes) and what the error must say. */
interface BadCase {
  name: string;
  make(root: string, outside: string): Promise<string>;
  code: string;
  /** Fragments the message must contain (besides the file's name). */
  says: string[];
  /** extensions fields the error must carry. */
  extensions?: Record<string, unknown>;
}

const random = seededRandom(20240611);
const rowsWith = (frames: number, edit: (rows: unknown[][]) => void): unknown[][] => {
  const rows: unknown[][] = randomRows(random, frames);
  edit(rows);
  return rows;
};

function npyBytes(descr: string, shape: number[], elementBytes: number): Uint8Array {
  const header = npyHeader(descr, false, shape);
  const out = new Uint8Array(header.length + shape.reduce((a, b) => a * b, 1) * elementBytes);
  out.set(header);
  return out;
}

const cases: BadCase[] = [
  {
    name: 'a truncated JSONL line',
    make: async (root) => {
      const line = jsonlLine(randomRows(random, 4));
      return writeText(join(root, 'bad', 'truncated.jsonl'), `${jsonlLine(randomRows(random, 3))}\n${line.slice(0, line.length - 25)}\n`);
    },
    code: 'INVALID_CODES',
    says: ['line 2', 'invalid JSON', 'as if truncated'],
    extensions: { line: 2 },
  },
  {
    name: 'a non-integer token',
    make: (root) => writeJsonl(join(root, 'bad', 'fraction.jsonl'), [rowsWith(5, (r) => (r[2]![4] = 3.5))]),
    code: 'INVALID_CODES',
    says: ['line 1', 'frame 2 (0-based), layer 5', 'token 3.5 is not an integer'],
    extensions: { line: 1, frame: 2, layer: 5, value: 3.5 },
  },
  {
    name: 'token 2048',
    make: (root) => writeJsonl(join(root, 'bad', 'too-big.jsonl'), [randomRows(random, 2), rowsWith(4, (r) => (r[1]![15] = 2048))]),
    code: 'INVALID_CODES',
    says: ['line 2', 'frame 1 (0-based), layer 16', 'token 2048 is outside 0..2047'],
    extensions: { line: 2, frame: 1, layer: 16, value: 2048 },
  },
  {
    name: 'token -1',
    make: (root) => writeJsonl(join(root, 'bad', 'negative.jsonl'), [rowsWith(3, (r) => (r[0]![0] = -1))]),
    code: 'INVALID_CODES',
    says: ['line 1', 'frame 0 (0-based), layer 1', 'token -1 is outside 0..2047'],
    extensions: { line: 1, frame: 0, layer: 1, value: -1 },
  },
  {
    name: 'rows of 15 layers',
    make: (root) => writeJsonl(join(root, 'bad', 'fifteen.jsonl'), [rowsWith(3, (r) => r.forEach((row) => row.pop()))]),
    code: 'INVALID_CODES',
    says: ['line 1', 'frame 0 (0-based) has 15 layers, expected 16'],
    extensions: { line: 1, frame: 0 },
  },
  {
    name: 'rows of 17 layers',
    make: (root) => writeJsonl(join(root, 'bad', 'seventeen.jsonl'), [rowsWith(3, (r) => r.forEach((row) => row.push(7)))]),
    code: 'INVALID_CODES',
    says: ['line 1', 'frame 0 (0-based) has 17 layers, expected 16'],
    extensions: { line: 1, frame: 0 },
  },
  {
    name: 'ragged rows',
    make: (root) => writeJsonl(join(root, 'bad', 'ragged.jsonl'), [rowsWith(6, (r) => r[3]!.pop())]),
    code: 'INVALID_CODES',
    says: ['line 1', 'frame 3 (0-based) has 15 layers, expected 16', 'frames before it have 16'],
    extensions: { line: 1, frame: 3 },
  },
  {
    name: 'an empty matrix',
    make: (root) => writeJsonl(join(root, 'bad', 'empty.jsonl'), [[]]),
    code: 'INVALID_CODES',
    says: ['line 1', 'audio_codes is empty'],
    extensions: { line: 1 },
  },
  {
    name: 'a .npy of float dtype',
    make: (root) => writeText(join(root, 'bad', 'float.npy'), npyBytes('<f4', [4, 16], 4)),
    code: 'INVALID_CODES',
    says: ["dtype '<f4' (float)", 'expected an integer dtype'],
  },
  {
    name: 'a .npy of rank 3',
    make: (root) => writeText(join(root, 'bad', 'rank3.npy'), npyBytes('<i2', [4, 16, 1], 2)),
    code: 'INVALID_CODES',
    says: ['shape (4, 16, 1) of rank 3', 'expected rank 2'],
  },
  {
    name: 'a path outside the data roots',
    make: async (_root, outside) => writeJsonl(join(outside, 'elsewhere.jsonl'), [randomRows(random, 3)]),
    code: 'PATH_OUTSIDE_ROOTS',
    says: ['outside the data roots'],
  },
  {
    name: 'a path escaping the root with ..',
    make: async (_root, outside) => {
      await writeJsonl(join(outside, 'escape.jsonl'), [randomRows(random, 3)]);
      return join('sub', '..', '..', basename(outside), 'escape.jsonl');
    },
    code: 'PATH_OUTSIDE_ROOTS',
    says: ['outside the data roots'],
  },
  {
    name: 'a symlink inside the root pointing outside',
    make: async (root, outside) => {
      const target = await writeJsonl(join(outside, 'linked.jsonl'), [randomRows(random, 3)]);
      const link = join(root, 'bad', 'link.jsonl');
      await writeText(join(root, 'bad', '.keep'), '');
      await symlink(target, link);
      return link;
    },
    code: 'PATH_OUTSIDE_ROOTS',
    says: ['through a symlink', 'outside the data roots'],
  },
];

describe('ingestCodes with bad input', () => {
  let t: TestApp;
  let outside: string;
  let good: string[];
  let goodFrames: number;
  let goodMatrices: number;

  before(async () => {
    t = await createTestApp();
    outside = await mkdtemp(join(tmpdir(), 'tokenscope-outside-'));
    const a: Rows[] = [randomRows(random, 5), randomRows(random, 6)];
    const b: Rows = randomRows(random, 7);
    good = [
      await writeJsonl(join(t.root, 'good', 'a.jsonl'), a),
      await writeText(join(t.root, 'good', 'b.npy'), encodeNpy(codeMatrix(Uint16Array.from(b.flat())))),
    ];
    goodMatrices = a.length + 1;
    goodFrames = a.reduce((n, rows) => n + rows.length, 0) + b.length;
  });
  after(async () => {
    await t?.close();
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  const corpusCounts = async (name: string) => {
    const corpus = dataOf(await execute(t.app, CorporaDocument, {})).corpora.find((c) => c.name === name);
    return { audios: corpus?.audioCount ?? 0, frames: corpus?.frameCount ?? 0 };
  };

  cases.forEach((bad, index) => {
    it(`rejects ${bad.name} with ${bad.code}, naming the file, and stores the other files of the batch`, async () => {
      const path = await bad.make(t.root, outside);
      const corpus = `bad-${index}`;
      const outcome = await execute(t.app, IngestCodesDocument, { corpus, paths: [good[0]!, path, good[1]!] });

      assert.equal(outcome.errors.length, 1, `errors: ${outcome.errors.map((e) => e.message).join(' | ')}`);
      const [error] = outcome.errors;
      assert.equal(error!.extensions?.['code'], bad.code);
      assert.match(error!.message, literally(basename(path)));
      for (const fragment of bad.says) assert.match(error!.message, literally(fragment));
      for (const [key, value] of Object.entries(bad.extensions ?? {})) assert.deepEqual(error!.extensions?.[key], value, `extensions.${key}`);

      const report = dataOf({ data: outcome.data, errors: [] }).ingestCodes;
      assert.equal(report.failedFiles, 1);
      assert.equal(report.ingested, goodMatrices);
      assert.deepEqual(report.files.map((f) => f.status), ['INGESTED', 'FAILED', 'INGESTED'], 'files in the order given');
      const failed = report.files.filter((f) => f.status === 'FAILED');
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.ingested, 0);
      assert.deepEqual(failed[0]!.audioIds, []);
      assert.deepEqual(failed[0]!.errors.map((e) => [e.code, e.message]), [[bad.code, error!.message]]);
      assert.deepEqual(error!.path, ['ingestCodes', 'files', 1]);

      assert.deepEqual(await corpusCounts(corpus), { audios: goodMatrices, frames: goodFrames }, 'only the good files are stored');
      const page = dataOf(await execute(t.app, AudioPageDocument, { corpus, first: 50 })).audios.nodes;
      assert.ok(page.every((a) => !a.source.path.endsWith(basename(path))), 'nothing of the bad file is stored');
    });
  });

  it('reports every bad file of one batch and still stores the good ones', async () => {
    const paths = [];
    for (const bad of cases) paths.push(await bad.make(join(t.root, 'all'), outside));
    const outcome = await execute(t.app, IngestCodesDocument, { corpus: 'all-bad', paths: [...paths, ...good] });
    assert.deepEqual(
      outcome.errors.map((e) => e.extensions?.['code']).sort(),
      cases.map((c) => c.code).sort(),
    );
    const report = outcome.data!.ingestCodes;
    assert.equal(report.failedFiles, cases.length);
    assert.deepEqual(await corpusCounts('all-bad'), { audios: goodMatrices, frames: goodFrames });
  });

  it('stores the good lines of a file with bad ones when skipBadItems is set, and says PARTIAL', async () => {
    const first = randomRows(random, 4);
    const path = await writeText(join(t.root, 'partial', 'mixed.jsonl'), `${jsonlLine(first)}\n${jsonlLine(rowsWith(2, (r) => (r[1]![1] = 9999)))}\n`);
    const outcome = await execute(t.app, IngestCodesDocument, { corpus: 'partial', paths: [path], skipBadItems: true });
    assert.equal(outcome.errors.length, 1);
    assert.match(outcome.errors[0]!.message, /line 2: audio_codes frame 1 \(0-based\), layer 2: token 9999 is outside 0\.\.2047/);
    assert.equal(outcome.data!.ingestCodes.files[0]!.status, 'PARTIAL');
    assert.deepEqual(await corpusCounts('partial'), { audios: 1, frames: first.length });
  });

  it('keeps serving queries after a batch of failures', async () => {
    const corpora = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    assert.ok(corpora.length >= cases.length);
  });
});
