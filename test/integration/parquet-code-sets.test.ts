import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IngestCodesDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { randomRows, seededRandom, transpose, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Code sets as the hub publishes them (one row per utterance, codes a nested integer list beside
 * text, speaker and duration columns), written at test time by DuckDB's Parquet writer, which is
 * also what pyarrow-written files look like to the reader (list<list<int16>>).
 */

const random = seededRandom(20261202);
const UTTERANCES: Rows[] = [randomRows(random, 7), randomRows(random, 3), randomRows(random, 12)];
const list = (rows: readonly (readonly number[])[], type: string) => `[${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]::${type}[][]`;

let duck: DuckDBConnection;
async function writeParquet(path: string, select: string, rowGroupSize = 122_880): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await duck.run(`COPY (${select}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupSize})`);
  return path;
}

/** The utterances as a published file: `codes` [layers][frames] (or [frames][layers]) plus scalar columns. */
function codeSetSelect(orientation: 'layer-major' | 'frame-major', type: string, column = 'codes'): string {
  return UTTERANCES.map(
    (rows, i) =>
      `SELECT 'utt-${i}' AS id, 'words of ${i}' AS text, ${100 + i} AS speaker_id, ${(rows.length / 12.5).toFixed(2)}::DOUBLE AS duration, ` +
      `${list(orientation === 'layer-major' ? transpose(rows) : rows, type)} AS ${column}`,
  ).join(' UNION ALL ') + ' ORDER BY id';
}

describe('published Parquet code sets (ingestCodes of .parquet)', () => {
  let t: TestApp;
  let db: DuckDBInstance;
  const ingest = (corpus: string, path: string, extra: Record<string, unknown> = {}) => execute(t.app, IngestCodesDocument, { corpus, paths: [path], ...extra });
  const onlyFileError = async (corpus: string, path: string, extra: Record<string, unknown> = {}) => {
    const r = await ingest(corpus, path, extra);
    const file = r.data!.ingestCodes.files[0]!;
    assert.equal(file.status, 'FAILED');
    assert.equal(file.ingested, 0);
    return file.errors[0]!;
  };

  before(async () => {
    t = await createTestApp();
    db = await DuckDBInstance.create(':memory:');
    duck = await db.connect();
  });
  after(async () => {
    duck.closeSync();
    db.closeSync();
    await t.close();
  });

  it('ingests 16 layers in both orientations and any integer type, with the same statistics as the same codes from JSONL, text and metadata kept', async () => {
    const layerMajor = await writeParquet(join(t.root, 'sets', 'layers-frames.parquet'), codeSetSelect('layer-major', 'SMALLINT'));
    const frameMajor = await writeParquet(join(t.root, 'sets', 'frames-layers.parquet'), codeSetSelect('frame-major', 'BIGINT', 'audio_codes'));
    const jsonl = await writeJsonl(join(t.root, 'sets', 'same.jsonl'), UTTERANCES);
    for (const [corpus, path] of [['lm', layerMajor], ['fm', frameMajor], ['jsonl', jsonl]] as const) {
      const r = dataOf(await ingest(corpus, path)).ingestCodes;
      assert.deepEqual([r.ingested, r.failedFiles], [3, 0], `${corpus}: ${JSON.stringify(r.files[0]?.errors)}`);
    }
    const stats = async (corpus: string) => dataOf(await execute(t.app, LayerStatsDocument, { corpora: [corpus], top: 5 })).layerStats;
    const reference = await stats('jsonl');
    assert.equal(reference.frameCount, 22);
    for (const corpus of ['lm', 'fm']) {
      const s = await stats(corpus);
      assert.deepEqual(s.layers, reference.layers, corpus);
      assert.equal(s.frameCount, 22);
    }
    const rows = await t.app.store.db.query(`SELECT a.source_line, a.text, a.metadata, a.frame_count FROM audios a JOIN corpora c ON c.id = a.corpus_id WHERE c.name = 'lm' ORDER BY a.source_line`);
    assert.deepEqual(
      rows.map((r) => [r['source_line'], r['text'], JSON.parse(String(r['metadata'])), r['frame_count']]),
      UTTERANCES.map((u, i) => [i, `words of ${i}`, { id: `utt-${i}`, speaker_id: String(100 + i), duration: String(u.length / 12.5), text: `words of ${i}` }, u.length]),
    );
    const again = dataOf(await ingest('lm', layerMajor)).ingestCodes;
    assert.deepEqual([again.ingested, again.alreadyPresent], [0, 3], 'a second import stores nothing');
  });

  it('maps columns by option: another codes column, the text column, and only the metadata columns asked for', async () => {
    const path = await writeParquet(
      join(t.root, 'sets', 'renamed.parquet'),
      `SELECT 'u' AS utterance, 'said' AS transcript, 7 AS spk, 'x' AS other, ${list(transpose(UTTERANCES[0]!), 'INTEGER')} AS mimi_like`,
    );
    const r = dataOf(await ingest('mapped', path, { parquet: { codesColumn: 'mimi_like', textColumn: 'transcript', metadataColumns: ['spk', 'utterance'] } })).ingestCodes;
    assert.equal(r.ingested, 1);
    const [row] = await t.app.store.db.query(`SELECT a.text, a.metadata FROM audios a JOIN corpora c ON c.id = a.corpus_id WHERE c.name = 'mapped'`);
    assert.equal(row!['text'], 'said');
    assert.deepEqual(JSON.parse(String(row!['metadata'])), { spk: '7', utterance: 'u', text: 'said' });
    const missing = await onlyFileError('mapped2', path);
    assert.equal(missing.code, 'INVALID_CODES');
    assert.match(missing.message, /has no codes column: expected one of codes, audio_codes, codec_codes, tokens .*the file's columns: utterance \(VARCHAR\), transcript \(VARCHAR\), spk \(INTEGER\), other \(VARCHAR\), mimi_like \(INTEGER\[\]\[\]\)/);
    const wrongType = await onlyFileError('mapped3', path, { parquet: { codesColumn: 'transcript' } });
    assert.match(wrongType.message, /column 'transcript' is VARCHAR, expected a nested list of integers/);
  });

  it('refuses 8 layers, a token out of range and a ragged row, naming the file, row group, row and what the contract expects; nothing of the file is stored', async () => {
    const eight = await writeParquet(join(t.root, 'bad', 'eight.parquet'), `SELECT * FROM (SELECT 0 AS i, ${list(transpose(UTTERANCES[1]!), 'SMALLINT')} AS codes UNION ALL SELECT 1, ${list(transpose(UTTERANCES[0]!).slice(0, 8), 'SMALLINT')}) ORDER BY i`);
    const e8 = await onlyFileError('bad8', eight);
    assert.equal(e8.code, 'INVALID_CODES');
    assert.match(e8.message, /eight\.parquet row group 0, row 1 \(0-based; row 1 of its group\): codes has shape \[8\]\[7\]: the Qwen3-TTS-Tokenizer-12Hz contract expects 16 layers of tokens 0\.\.2047 \(\[16\]\[frames\] or \[frames\]\[16\]\), and neither side is 16: these are another codec's codes \(many Mimi sets have 8 codebooks\)/);

    // 2,100 one-frame rows in row groups of 2,048: the bad token is in row 2,060, the second group's row 12.
    const tokens = `list_transform(range(16), l -> [CASE WHEN i = 2060 AND l = 4 THEN 2048 ELSE (i * 16 + l) % 2048 END])::SMALLINT[][]`;
    const big = await writeParquet(join(t.root, 'bad', 'token.parquet'), `SELECT i, ${tokens} AS codes FROM range(2100) t(i)`, 2048); // no ORDER BY: a sorted COPY writes one row group
    const eb = await onlyFileError('badtoken', big);
    assert.match(eb.message, /token\.parquet row group 1, row 2060 \(0-based; row 12 of its group\): codes frame 0 \(0-based\), layer 5: token 2048 is outside 0\.\.2047/);
    assert.deepEqual([eb.line, eb.frame, eb.layer, eb.value], [2060, 0, 5, 2048]);

    const layers = transpose(UTTERANCES[2]!);
    layers[3] = layers[3]!.slice(0, 11);
    const ragged = await writeParquet(join(t.root, 'bad', 'ragged.parquet'), `SELECT ${list(layers, 'SMALLINT')} AS codes`);
    const er = await onlyFileError('ragged', ragged);
    assert.match(er.message, /ragged\.parquet row group 0, row 0 .*codes is ragged: list 0 has 12 values and list 3 \(0-based\) has 11; every inner list must have the same length/);

    const square = await writeParquet(join(t.root, 'bad', 'square.parquet'), `SELECT ${list(randomRows(random, 16), 'SMALLINT')} AS codes`);
    assert.match((await onlyFileError('square', square)).message, /shape \[16, 16\] is ambiguous/);
    const stored = await t.app.store.db.query(`SELECT count(*) AS n FROM corpora WHERE name IN ('bad8', 'badtoken', 'ragged', 'square')`);
    assert.equal(Number(stored[0]!['n']), 0, 'a refused file stores nothing, not even its corpus');
  });

  it('refuses a file that is not Parquet with a coded error naming it', async () => {
    const path = join(t.root, 'bad', 'not.parquet');
    await writeJsonl(path, [UTTERANCES[0]!]);
    const e = await onlyFileError('notparquet', path);
    assert.equal(e.code, 'INVALID_CODES');
    assert.match(e.message, /not\.parquet: is not a readable Parquet file/);
  });
});
