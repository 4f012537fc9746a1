import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CorporaDocument, IngestCodesDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { ALL_LAYERS } from '../../src/domain/contract.js';
import { layerValues } from '../../src/query/layer-values.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { assertClose, referenceLayers, topTokens } from '../support/layer-reference.js';
import type { ReferenceLayer } from '../support/layer-reference.js';
import { qwenCodesDir } from '../support/qwen-codes.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const RELATIVE_TOLERANCE = 1e-9;
const dir = qwenCodesDir();

/** Every `audio_codes` matrix of a JSONL file, read with plain JSON.parse. */
function readMatrices(path: string): Rows[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { audio_codes: Rows }).audio_codes);
}

describe('ingesting the real Qwen3-TTS-Tokenizer-12Hz JSONL files', { skip: dir === undefined ? '../shared/qwen-codes not found (set TOKENSCOPE_SHARED): real-code tests skipped' : false }, () => {
  let t: TestApp;
  let files: string[];
  let matrices: Rows[];
  let expected: ReferenceLayer[];
  let firstReport: Awaited<ReturnType<typeof ingest>>;

  const ingest = async () => dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'qwen', paths: files })).ingestCodes;

  before(async () => {
    files = readdirSync(dir!).filter((name) => name.endsWith('.jsonl')).sort().map((name) => join(dir!, name));
    matrices = files.flatMap(readMatrices);
    expected = referenceLayers(matrices);
    t = await createTestApp({}, [dir!]);
    firstReport = await ingest();
  });
  after(() => t?.close());

  it('stores every line of the three files: 483 audios and 11,499 frames', async () => {
    assert.equal(files.length, 3);
    assert.equal(matrices.length, 483, 'lines in the files (the README says 481 + 1 + 1)');
    assert.equal(matrices.reduce((a, m) => a + m.length, 0), 11_499, 'frames in the files (the README says 11,499)');
    assert.equal(firstReport.ingested, matrices.length);
    assert.equal(firstReport.failedFiles, 0);
    assert.deepEqual(firstReport.files.map((f) => f.status), ['INGESTED', 'INGESTED', 'INGESTED']);
    const [corpus] = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    assert.equal(corpus?.audioCount, 483);
    assert.equal(corpus?.frameCount, 11_499);
    assert.deepEqual(corpus?.models, [firstReport.model]);
  });

  it('reports per-layer distinct tokens, entropy and population variance equal to a direct computation from the JSONL', async () => {
    const stats = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['qwen'], top: 5 })).layerStats;
    assert.equal(stats.audioCount, matrices.length);
    assert.equal(stats.mixedModels, false);
    assert.deepEqual(stats.layers.map((l) => l.number), ALL_LAYERS);
    for (const [i, layer] of stats.layers.entries()) {
      const want = expected[i]!;
      const label = `layer ${layer.number}`;
      assert.equal(layer.tokenCount, want.tokenCount, `${label} tokenCount`);
      assert.equal(layer.distinctTokens, want.distinctTokens, `${label} distinctTokens`);
      assertClose(layer.entropyBits, want.entropyBits, RELATIVE_TOLERANCE, `${label} entropyBits`);
      assertClose(layer.mean, want.mean, RELATIVE_TOLERANCE, `${label} mean`);
      assertClose(layer.variance, want.variance, RELATIVE_TOLERANCE, `${label} variance`);
      assertClose(layer.std, Math.sqrt(want.variance), RELATIVE_TOLERANCE, `${label} std`);
      assert.deepEqual(layer.topTokens.map(({ token, count }) => ({ token, count })), topTokens(want.histogram, 5), `${label} topTokens`);
    }
  });

  it('agrees with the full-scan path that reads every stored token', async () => {
    const [corpus] = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    const scanned = (await t.app.store.stats.corpusLayersByScan({ corpusIds: [Number(corpus!.id)] }, ALL_LAYERS)).map(layerValues);
    const stats = dataOf(await execute(t.app, LayerStatsDocument, { corpora: ['qwen'] })).layerStats;
    assert.equal(scanned.length, stats.layers.length);
    for (const [i, layer] of stats.layers.entries()) {
      const scan = scanned[i]!;
      const label = `layer ${layer.number}`;
      assert.equal(scan.number, layer.number);
      assert.equal(scan.tokenCount, layer.tokenCount, `${label} tokenCount`);
      assert.equal(scan.distinctTokens, layer.distinctTokens, `${label} distinctTokens`);
      assertClose(scan.entropyBits, layer.entropyBits, RELATIVE_TOLERANCE, `${label} entropyBits`);
      assertClose(scan.variance, layer.variance, RELATIVE_TOLERANCE, `${label} variance`);
      assertClose(scan.mean, layer.mean, RELATIVE_TOLERANCE, `${label} mean`);
    }
  });

  it('stores nothing new when the same files are ingested again', async () => {
    const again = await ingest();
    assert.equal(again.ingested, 0);
    assert.equal(again.alreadyPresent, matrices.length);
    assert.deepEqual(again.files.map((f) => f.status), ['ALREADY_PRESENT', 'ALREADY_PRESENT', 'ALREADY_PRESENT']);
    assert.deepEqual(again.files.flatMap((f) => f.audioIds), firstReport.files.flatMap((f) => f.audioIds));
    const [corpus] = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    assert.equal(corpus?.audioCount, matrices.length);
    assert.equal(corpus?.frameCount, 11_499);
  });
});
