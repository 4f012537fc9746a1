import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import {
  AudioDocument,
  AudioPageDocument,
  ColdTokensDocument,
  CodeWindowDocument,
  CorporaDocument,
  DeleteAudioDocument,
  DeleteCorpusDocument,
  DetectDocument,
  IngestCodesDocument,
  LayerStatsDocument,
} from '../../src/client/generated/graphql.js';
import { LIMITS } from '../../src/api/limits.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute, literally, onlyError } from '../support/graphql.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** Leaf selections that end a chain at each field, and how many levels each adds. */
const LEAVES: Readonly<Record<string, { selection: string; depth: number }>> = {
  'audios(first: 1)': { selection: 'pageInfo { hasNextPage }', depth: 2 },
  nodes: { selection: 'id', depth: 1 },
  corpus: { selection: 'name', depth: 1 },
};

/** A query whose deepest selection is `depth` fields: corpus → audios → nodes → corpus → … → a scalar. */
function nestedQuery(depth: number): string {
  const cycle = ['audios(first: 1)', 'nodes', 'corpus'];
  const chain = ['corpus'];
  const total = () => chain.length + LEAVES[chain.at(-1)!]!.depth;
  while (total() < depth) chain.push(cycle[(chain.length - 1) % cycle.length]!);
  assert.equal(total(), depth, `no chain is exactly ${depth} deep`);
  const leaf = LEAVES[chain.at(-1)!]!.selection;
  chain[0] = 'corpus(name: "misuse")';
  return `{ ${chain.reduceRight((inner, field) => `${field} { ${inner} }`, leaf)} }`;
}

describe('misuse of the API', () => {
  let t: TestApp;
  let audioId: string;

  before(async () => {
    t = await createTestApp();
    const random = seededRandom(7);
    const path = await writeJsonl(join(t.root, 'misuse.jsonl'), [randomRows(random, 12), randomRows(random, 9)]);
    const report = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'misuse', paths: [path] })).ingestCodes;
    audioId = String(report.files[0]!.audioIds[0]);
    const other = await writeJsonl(join(t.root, 'other-model.jsonl'), [randomRows(random, 5)]);
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'other-model', paths: [other], model: 'external:another-codec' }));
  });
  after(() => t?.close());

  it('answers NOT_FOUND for an unknown audio id, naming it', async () => {
    onlyError(await execute(t.app, AudioDocument, { id: '999999' }), 'NOT_FOUND', /audio 999999 does not exist/);
  });

  it('answers INVALID_ARGUMENT for an audio id that is not a positive integer', async () => {
    onlyError(await execute(t.app, AudioDocument, { id: 'abc' }), 'INVALID_ARGUMENT', /id must be a positive integer id; received "abc"/);
  });

  it('answers NOT_FOUND for an unknown corpus', async () => {
    onlyError(await execute(t.app, AudioPageDocument, { corpus: 'nope' }), 'NOT_FOUND', /corpus "nope" does not exist/);
  });

  it(`answers LIMIT_EXCEEDED for audios(first: 100000), naming 100000 and the maximum ${LIMITS.maxPageSize}`, async () => {
    onlyError(await execute(t.app, AudioPageDocument, { corpus: 'misuse', first: 100_000 }), 'LIMIT_EXCEEDED', literally(`first may be at most ${LIMITS.maxPageSize}; received 100000`));
  });

  it('answers INVALID_ARGUMENT for audios(first: 0)', async () => {
    onlyError(await execute(t.app, AudioPageDocument, { corpus: 'misuse', first: 0 }), 'INVALID_ARGUMENT', /first must be an integer ≥ 1; received 0/);
  });

  it(`answers LIMIT_EXCEEDED for a codes window of 5000 frames (maximum ${LIMITS.maxWindowFrames})`, async () => {
    onlyError(await execute(t.app, CodeWindowDocument, { id: audioId, frameCount: 5000 }), 'LIMIT_EXCEEDED', literally(`frameCount may be at most ${LIMITS.maxWindowFrames}; received 5000`));
  });

  it('answers INVALID_ARGUMENT for a negative startFrame', async () => {
    onlyError(await execute(t.app, CodeWindowDocument, { id: audioId, startFrame: -1 }), 'INVALID_ARGUMENT', /startFrame must be an integer ≥ 0; received -1/);
  });

  it('answers NOT_FOUND for an unknown detector, listing the known ones', async () => {
    onlyError(await execute(t.app, DetectDocument, { audioId, detector: { name: 'crystalBall' } }), 'NOT_FOUND', /no detector named "crystalBall"/, /keyLayerVariance/);
  });

  it('answers INVALID_ARGUMENT for a detector parameter out of range, naming it and the value', async () => {
    onlyError(
      await execute(t.app, DetectDocument, { audioId, detector: { name: 'keyLayerVariance', params: { percentile: 150 } } }),
      'INVALID_ARGUMENT',
      /parameter percentile of detector keyLayerVariance/,
      /received 150/,
    );
  });

  it('answers INVALID_ARGUMENT for an unknown detector parameter', async () => {
    onlyError(
      await execute(t.app, DetectDocument, { audioId, detector: { name: 'interLayerSpread', params: { colour: 'red' } } }),
      'INVALID_ARGUMENT',
      /detector interLayerSpread has no parameter "colour"/,
    );
  });

  for (const layer of [0, 17]) {
    it(`answers INVALID_ARGUMENT for layers [${layer}], naming the layer`, async () => {
      onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['misuse'], layers: [layer] }), 'INVALID_ARGUMENT', literally(`layers: layer ${layer} is outside 1..16`));
    });
  }

  it('answers INVALID_ARGUMENT for an empty layer list and a repeated layer', async () => {
    onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['misuse'], layers: [] }), 'INVALID_ARGUMENT', /layers must name at least one layer/);
    onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['misuse'], layers: [3, 3] }), 'INVALID_ARGUMENT', /layers lists a layer twice: 3, 3/);
  });

  it('answers MODEL_MISMATCH for cold tokens between corpora of different models, naming both models', async () => {
    onlyError(
      await execute(t.app, ColdTokensDocument, { reference: 'misuse', target: 'other-model' }),
      'MODEL_MISMATCH',
      /share no model/,
      /external:qwen3-tts-tokenizer-12hz/,
      /external:another-codec/,
    );
  });

  it('answers MODEL_MISMATCH for layerStats restricted to a model the corpus does not hold', async () => {
    onlyError(await execute(t.app, LayerStatsDocument, { corpora: ['misuse'], model: 'external:nothing' }), 'MODEL_MISMATCH', /no matrix of model "external:nothing"/);
  });

  it('answers NOT_FOUND when deleting an unknown audio or corpus', async () => {
    onlyError(await execute(t.app, DeleteAudioDocument, { id: '424242' }), 'NOT_FOUND', /audio 424242 does not exist/);
    onlyError(await execute(t.app, DeleteCorpusDocument, { name: 'never-made' }), 'NOT_FOUND', /corpus "never-made" does not exist/);
  });

  it('answers INVALID_ARGUMENT for a corpus name with characters outside [A-Za-z0-9._-]', async () => {
    onlyError(await execute(t.app, IngestCodesDocument, { corpus: 'a b/c', paths: [] }), 'INVALID_ARGUMENT', /corpus name must be/, /received "a b\/c"/);
  });

  it(`answers LIMIT_EXCEEDED for an ingest of more than ${LIMITS.maxIngestPaths} paths before reading any`, async () => {
    const paths = Array.from({ length: LIMITS.maxIngestPaths + 1 }, (_, i) => `missing-${i}.jsonl`);
    onlyError(await execute(t.app, IngestCodesDocument, { corpus: 'many', paths }), 'LIMIT_EXCEEDED', literally(`paths (count) may be at most ${LIMITS.maxIngestPaths}; received ${paths.length}`));
  });

  it(`answers LIMIT_EXCEEDED for a query nested deeper than ${LIMITS.maxDepth}, and runs one exactly that deep`, async () => {
    const tooDeep = onlyError(await execute(t.app, parse(nestedQuery(LIMITS.maxDepth + 1)), {}), 'LIMIT_EXCEEDED', literally(`query depth ${LIMITS.maxDepth + 1} exceeds the maximum of ${LIMITS.maxDepth}`));
    assert.equal(tooDeep.extensions?.['max'], LIMITS.maxDepth);
    const deepest = await execute(t.app, parse(nestedQuery(LIMITS.maxDepth)), {});
    assert.deepEqual(deepest.errors, []);
  });

  it('keeps serving after every one of these errors', async () => {
    const corpora = dataOf(await execute(t.app, CorporaDocument, {})).corpora;
    assert.deepEqual(corpora.map((c) => c.name), ['misuse', 'other-model']);
  });
});
