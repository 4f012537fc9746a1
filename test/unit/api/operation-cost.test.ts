import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Kind, parse } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { LIMITS } from '../../../src/api/limits.js';
import { operationCost } from '../../../src/api/operation-cost.js';
import { createSchema } from '../../../src/api/schema.js';
import { repoRoot } from '../../support/paths.js';

const detector = { name: 'keyLayerVariance' };

/** Variables as the dashboard and the CLI really send them (the largest windows and pages they use). */
const REALISTIC: Readonly<Record<string, Record<string, unknown>>> = {
  DashAudio: { id: '1' },
  DashDetect: { audioId: '1', detector, buckets: 1200, startFrame: 0, frameCount: 4096 },
  DashScoreWindow: { audioId: '1', detector, startFrame: 0, frameCount: 4096 },
  DashCodes: { id: '1', startFrame: 0, frameCount: 512 },
  DashSignal: { id: '1', startFrame: 0, frameCount: 1875, columns: 2048 },
  DashCorpora: {},
  DashCorpusLayers: { corpus: 'c' },
  DashCorpusAudios: { corpus: 'c', first: 200, after: null },
  DashEvaluationRuns: {},
  DashEvaluationRun: { id: '1' },
  DashTokenFrequencies: { corpus: 'c', layer: 1 },
  DashColdTokens: { reference: 'r', target: 't', layer: 1, maxReferenceCount: 0, occurrences: 3, offset: 1000 },
  DashModels: {},
  DashTokenCountTable: { corpus: 'c', model: 'tokenscope-ref-v1' },
  DashCodebookColours: { model: 'tokenscope-ref-v1' },
  DashIngestAudio: { corpus: 'c', paths: ['a.wav'], model: null },
  DashIngestJob: { id: '1' },
  Audio: { id: '1' },
  AudioPage: { corpus: 'c', first: 50 },
  AudioLayers: { corpus: 'c', first: 50, top: 3 },
  CodeWindow: { id: '1', startFrame: 0, frameCount: 250 },
  DecodeAudio: { id: '1' },
  DecodeCodes: { id: '1', startFrame: 0, frameCount: 2048 },
  CodeEmbeddings: { id: '1', startFrame: 0, frameCount: 250, layers: 16 },
  PackedEmbeddings: { id: '1', startFrame: 0, frameCount: 4096, layers: 16 },
  TokenNeighbours: { model: 'tokenscope-ref-v1', layer: 1, token: 5, k: 100 },
  CorpusDistance: { a: 'speech', b: 'events' },
  LayerEnergies: { corpus: 'c', first: 50 },
  AudioLabels: { corpus: 'c', first: 50 },
  CompareDetectors: { corpus: 'c', detectors: [detector, { name: 'interLayerSpread' }] },
  EvaluationRuns: { corpus: null },
  EvaluationRun: { id: '1' },
  DeleteEvaluationRun: { id: '1' },
  StartComparison: { corpus: 'c', detectors: [detector, { name: 'interLayerSpread' }] },
  ComparisonJob: { id: '1' },
  DashStartComparison: { corpus: 'c', detectors: [{ name: 'keyLayerVariance', params: {} }, { name: 'interLayerSpread', params: {} }], folds: 5, bootstrap: 200, name: null },
  DashComparisonJob: { id: '1' },
  DashDeleteEvaluationRun: { id: '1' },
  DashLabSetup: {},
  AddDetectionsToRun: { run: '1', path: 'detections.txt', name: 'theirs' },
  PairedDifference: { id: '1', a: '1', b: '2', iterations: 1000 },
  Corpora: {},
  CreateCorpus: { name: 'c' },
  DeleteCorpus: { name: 'c' },
  DeleteAudio: { id: '1' },
  CorpusLabels: { corpus: 'c' },
  ImportLabels: { corpus: 'c', path: 'labels.csv', format: 'CSV' },
  DashImportLabels: { corpus: 'c', path: 'labels.csv' },
  LhotseAudios: { corpus: 'c', first: 500, after: null },
  IntegrityCheck: {},
  SetAudioLabels: { corpus: 'c', audioLabels: [{ audioId: '1', labels: [{ startSeconds: 0, endSeconds: 1, label: 'x' }] }] },
  ExportDataset: { out: 'ds', corpora: Array.from({ length: 32 }, (_, i) => `c${i}`) },
  ImportDataset: { path: 'ds', corpus: null },
  MergeShards: { shards: Array.from({ length: 8 }, (_, i) => `shard-${i + 1}.duckdb`), out: null },
  AttachDataset: { path: 'ds', name: 'pub' },
  DetachDataset: { name: 'pub' },
  DashCorpusStability: { corpus: 'c' },
  CorpusStability: { corpus: 'c', perturbation: null, model: null },
  AudioStability: { id: '1', perturbation: null },
  RunStability: { corpus: 'c', perturbations: Array.from({ length: 12 }, (_, i) => `noise:snr=${i}`), model: null },
  Detectors: {},
  Detect: { audioId: '1', detector },
  IngestCodes: { corpus: 'c', paths: Array.from({ length: 16 }, (_, i) => `codes-${i}.jsonl`) },
  IngestAudio: { corpus: 'c', paths: ['a.wav'], shard: { index: 2, count: 8 } },
  IngestJob: { id: '1' },
  StopIngestJob: { id: '1' },
  LayerStats: { corpora: ['speech', 'events'], top: 5 },
  TokenFrequencies: { corpus: 'c', layer: 1 },
  ColdTokens: { reference: 'r', target: 't', limit: 1000, offset: 1000, occurrences: 3 },
  TokenOccurrences: { layer: 1, token: 1995, corpora: ['a', 'b'], first: 500 },
  TokenBigrams: { corpus: 'c', layer: 1, first: 1000 },
  Rarefaction: { corpora: ['a', 'b', 'c'] },
  RarefactionCurve: { corpora: ['a', 'b', 'c'] },
  DashTokenSearch: { layer: 1, token: 1995, first: 25, after: null },
  DashTokenBigrams: { corpus: 'c', layer: 1 },
  DashRarefaction: { corpora: ['a', 'b', 'c'], frames: [1000] },
  DashRarefactionCurve: { corpora: ['a', 'b', 'c'] },
};

/** Every operation of the shipped .graphql files, each with the fragments of its file. */
function shippedOperations(): { file: string; name: string; document: DocumentNode }[] {
  const out: { file: string; name: string; document: DocumentNode }[] = [];
  for (const dir of ['src/dashboard/operations', 'src/client/operations']) {
    for (const file of readdirSync(join(repoRoot(), dir)).filter((f) => f.endsWith('.graphql'))) {
      const document = parse(readFileSync(join(repoRoot(), dir, file), 'utf8'));
      const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      for (const op of document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
        out.push({ file: `${dir}/${file}`, name: op.name!.value, document: { kind: Kind.DOCUMENT, definitions: [op, ...fragments] } });
      }
    }
  }
  return out;
}

describe('operation costs', () => {
  let schema: GraphQLSchema;
  before(async () => {
    schema = await createSchema();
  });

  it('puts every shipped dashboard and CLI operation, with realistic variables, under a third of the cost limit', () => {
    const operations = shippedOperations();
    assert.ok(operations.length >= 30, `found ${operations.length} operations`);
    for (const { file, name, document } of operations) {
      const variables = REALISTIC[name];
      assert.ok(variables, `${file}: operation ${name} needs realistic variables in this test`);
      const cost = operationCost(schema, document, name, variables);
      assert.ok(cost <= LIMITS.maxComplexity / 3, `${name} costs ${cost}, over a third of ${LIMITS.maxComplexity}`);
      if (process.env["SHOW_COSTS"]) console.log(name, cost);
    }
  });

  it('prices the 4,900-alias layerStats query at more than ten times the cost limit', () => {
    const query = `{ ${Array.from({ length: 4900 }, (_, i) => `a${i}: layerStats(corpora: ["qwen"]) { frameCount }`).join(' ')} }`;
    const cost = operationCost(schema, parse(query), null, {});
    assert.ok(cost > 10 * LIMITS.maxComplexity, `costs ${cost}`);
  });

  it('charges a statistics field per corpus it merges, and a store read more than a scalar', () => {
    const one = operationCost(schema, parse('{ layerStats(corpora: ["a"]) { frameCount } }'), null, {});
    const four = operationCost(schema, parse('{ layerStats(corpora: ["a", "b", "c", "d"]) { frameCount } }'), null, {});
    assert.ok(four > 3.5 * one, `one corpus ${one}, four corpora ${four}`);
    const scalar = operationCost(schema, parse('{ detectors { name } }'), null, {});
    const read = operationCost(schema, parse('{ corpora { name } }'), null, {});
    assert.ok(read > 10 * scalar, `a store read ${read}, an in-memory list ${scalar}`);
  });

  it('charges code windows and score lists per frame asked for', () => {
    const window = (frames: number) => operationCost(schema, parse(`{ audio(id: "1") { codes(frameCount: ${frames}) { layerMajor } } }`), null, {});
    assert.equal(window(2000) - window(1000), 1000 * 16);
    const scores = (frames: number) => operationCost(schema, parse(`{ detect(audioId: "1", detector: { name: "keyLayerVariance" }) { scores(frameCount: ${frames}) } }`), null, {});
    assert.equal(scores(2000) - scores(1000), 1000);
  });

  it('charges a signal window per column asked for, and a column count over its cap nothing (the resolver refuses it)', () => {
    const signal = (columns: number) => operationCost(schema, parse(`{ audio(id: "1") { signal(columns: ${columns}) { waveform { min } } } }`), null, {});
    assert.equal(signal(2000) - signal(1000), 1000 * 4);
    assert.ok(signal(2049) < signal(1));
  });
});
