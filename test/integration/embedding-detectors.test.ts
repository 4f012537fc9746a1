import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { embeddingChange } from '../../src/analytics/frame-scores/embedding-change.js';
import { embeddingNovelty } from '../../src/analytics/frame-scores/embedding-novelty.js';
import { noveltyVectors } from '../../src/analytics/frame-scores/novelty-vectors.js';
import { gaussianAccumulator } from '../../src/analytics/models/gaussian-model.js';
import type { Codebooks } from '../../src/codebooks/codebooks.js';
import { DetectDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import { readModelCodebooks } from '../../src/tokenizer/model-codebooks.js';
import { loadModel } from '../../src/tokenizer/model-registry.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import type { Rows } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { assertClose } from '../support/layer-reference.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const MODEL = REFERENCE_MODEL_ID;
const matrixOf = (rows: Rows) => codeMatrix(Uint16Array.from(rows.flat()));

describe('embedding detectors through the store', () => {
  let t: TestApp;
  let codebooks: Codebooks;
  let reference: Rows[];
  let target: Rows;
  let audioId: string;
  let withoutCodebooks: string;

  before(async () => {
    t = await createTestApp();
    codebooks = await readModelCodebooks(await loadModel(join(repoRoot(), 'models'), MODEL));
    const random = seededRandom(97);
    reference = [randomRows(random, 60), randomRows(random, 50), randomRows(random, 40)];
    target = randomRows(random, 30);
    const ingest = async (corpus: string, name: string, files: Rows[], model: string) =>
      dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [await writeJsonl(join(t.root, name), files)], model })).ingestCodes;
    await ingest('normal', 'normal.jsonl', reference, MODEL);
    audioId = String((await ingest('suspect', 'suspect.jsonl', [target], MODEL)).files[0]!.audioIds[0]);
    withoutCodebooks = String((await ingest('other', 'other.jsonl', [target], 'external:no-codebooks')).files[0]!.audioIds[0]);
  });
  after(() => t?.close());

  const detect = async (id: string, name: string, params: Record<string, unknown>) => execute(t.app, DetectDocument, { audioId: id, detector: { name, params } });

  it('embeddingNovelty fits the Gaussian on the stored reference, dequantized with the model\'s codebooks', async () => {
    const options = { layers: 8, context: 1, centring: 'fileMedian' } as const;
    const accumulator = gaussianAccumulator(codebooks.dim);
    for (const rows of reference) accumulator.add(noveltyVectors(matrixOf(rows), codebooks, options));
    const expected = embeddingNovelty(noveltyVectors(matrixOf(target), codebooks, options), accumulator.fit(0.001, 'expected'));
    const result = dataOf(await detect(audioId, 'embeddingNovelty', { reference: 'normal', layers: 8, context: 1 })).detect;
    assert.deepEqual(result.parameters, { reference: 'normal', layers: 8, context: 1, centring: 'fileMedian', shrinkage: 0.001 });
    assert.equal(result.scores.length, 30);
    expected.forEach((score, f) => assertClose(result.scores[f]!, score, 1e-9, `frame ${f}`));
    assert.equal(result.threshold, 3);
    assert.deepEqual(result.flaggedFrames, [...expected].flatMap((s, f) => (s > 3 ? [f] : [])));
  });

  it('embeddingChange scores the stored matrix with the model\'s codebooks', async () => {
    const expected = embeddingChange(matrixOf(target), codebooks, 16, 2);
    const result = dataOf(await detect(audioId, 'embeddingChange', { window: 2 })).detect;
    expected.forEach((score, f) => assertClose(result.scores[f]!, score, 1e-9, `frame ${f}`));
  });

  it('both answer NOT_FOUND naming the model when it has no codebooks', async () => {
    onlyError(await detect(withoutCodebooks, 'embeddingChange', {}), 'NOT_FOUND', /no model 'external:no-codebooks'/);
    onlyError(await detect(withoutCodebooks, 'embeddingNovelty', { reference: 'normal' }), 'NOT_FOUND', /no model 'external:no-codebooks'/);
  });
});
