import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DetectDocument, IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import type { Rows } from '../support/code-files.js';
import { writeJsonl } from '../support/code-files.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { assertClose } from '../support/layer-reference.js';
import { GOLDEN_RELATIVE_TOLERANCE, readDetectorGoldens } from '../support/detector-goldens.js';
import { canonicalSha256, qwenCodesDir, readQwenCodesLine } from '../support/qwen-codes.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// The goldens come from the guide's numpy code (scripts/goldens/detector_goldens.py); the unit test
// test/unit/analytics/detectors/detector-goldens.test.ts checks the detectors, this one the API path.
const RELATIVE_TOLERANCE = GOLDEN_RELATIVE_TOLERANCE;
const goldens = readDetectorGoldens();

function frameRows(tokens: ArrayLike<number>): Rows {
  return Array.from({ length: tokens.length / LAYER_COUNT }, (_, f) => Array.from({ length: LAYER_COUNT }, (_, l) => tokens[f * LAYER_COUNT + l]!));
}

describe('detect through the API against the numpy goldens', () => {
  let t: TestApp;
  const audioIds = new Map<string, string>();
  const dir = qwenCodesDir();

  before(async () => {
    t = await createTestApp();
    const usable = goldens.filter(({ golden }) => golden.source.kind === 'synthetic' || dir !== undefined);
    const paths: string[] = [];
    for (const { name, golden } of usable) {
      const { source } = golden;
      const tokens = source.kind === 'synthetic' ? Uint16Array.from(source.tokens!) : readQwenCodesLine(dir!, source.file!, source.line!).tokens;
      assert.equal(canonicalSha256({ frames: tokens.length / LAYER_COUNT, tokens }), source.sha256, `${name}: not the matrix the golden was made from`);
      // A copy in the temporary data root, never in the repository.
      paths.push(await writeJsonl(join(t.root, 'goldens', name.replace(/\.json$/, '.jsonl')), [frameRows(tokens)]));
    }
    const report = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'goldens', paths })).ingestCodes;
    usable.forEach(({ name }, i) => audioIds.set(name, String(report.files[i]!.audioIds[0])));
  });
  after(() => t?.close());

  for (const { name, golden } of goldens) {
    for (const detector of ['keyLayerVariance', 'interLayerSpread'] as const) {
      it(`${detector} over GraphQL reproduces numpy's scores, threshold, flagged frames and events on ${name}`, async (ctx) => {
        if (!audioIds.has(name)) {
          ctx.skip('../shared/qwen-codes not found (set TOKENSCOPE_SHARED): real-matrix goldens skipped');
          return;
        }
        const expected = golden[detector];
        const result = dataOf(
          await execute(t.app, DetectDocument, { audioId: audioIds.get(name)!, detector: { name: detector, params: { layers: expected.layers, percentile: expected.percentile } } }),
        ).detect;
        assert.equal(result.detector, detector);
        assert.deepEqual(result.parameters, { layers: [...expected.layers].sort((a, b) => a - b), percentile: expected.percentile });
        assert.equal(result.scores.length, golden.source.frames);
        expected.scores.forEach((score, frame) => assertClose(result.scores[frame]!, score, RELATIVE_TOLERANCE, `frame ${frame} score`));
        assertClose(result.threshold, expected.threshold, RELATIVE_TOLERANCE, 'threshold');
        assert.equal(result.comparison, 'GREATER_THAN');
        assert.deepEqual(result.flaggedFrames, expected.flaggedFrames);
        assert.deepEqual(
          result.anomalies.map(({ startFrame, endFrame, peakFrame }) => ({ startFrame, endFrame, peakFrame })),
          expected.anomalies.map(({ startFrame, endFrame, peakFrame }) => ({ startFrame, endFrame, peakFrame })),
        );
        result.anomalies.forEach((a, i) => {
          assertClose(a.score, expected.anomalies[i]!.score, RELATIVE_TOLERANCE, `event ${i} score`);
          assert.equal(a.startSeconds, a.startFrame * 0.08);
          assert.equal(a.endSeconds, a.endFrame * 0.08);
          assert.equal(a.peakSeconds, a.peakFrame * 0.08);
        });
      });
    }
  }
});

describe('the coldTokens detector against a reference corpus', () => {
  let t: TestApp;
  let target: Rows;
  let referenceRows: Rows[];
  let audioId: string;
  let otherModelAudio: string;

  // Reference: tokens 100..109 on every layer, and token 500 once on layer 3.
  const normal = (frames: number, shift: number): Rows => Array.from({ length: frames }, (_, f) => Array.from({ length: LAYER_COUNT }, (_, l) => 100 + ((f + l + shift) % 10)));

  before(async () => {
    t = await createTestApp();
    referenceRows = [normal(12, 0), normal(9, 3)];
    referenceRows[1]![4]![2] = 500;
    target = normal(8, 5);
    target[2]![2] = 777; // frame 2: one cold token (layer 3)
    target[5]![0] = 1500; // frame 5: two cold tokens (layers 1 and 16)
    target[5]![15] = 1501;
    target[6]![2] = 500; // frame 6: token 500 on layer 3, seen once in the reference
    dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'normal', paths: [await writeJsonl(join(t.root, 'normal.jsonl'), referenceRows)] }));
    const report = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'suspect', paths: [await writeJsonl(join(t.root, 'suspect.jsonl'), [target])] })).ingestCodes;
    audioId = String(report.files[0]!.audioIds[0]);
    const other = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'other', paths: [await writeJsonl(join(t.root, 'other.jsonl'), [normal(4, 1)])], model: 'external:other-codec' })).ingestCodes;
    otherModelAudio = String(other.files[0]!.audioIds[0]);
  });
  after(() => t?.close());

  /** Per frame, how many tokens of `layers` the reference holds at most `maxReferenceCount` times. */
  function expectedScores(layers: readonly number[], maxReferenceCount: number): number[] {
    const counts = Array.from({ length: LAYER_COUNT }, () => new Map<number, number>());
    for (const rows of referenceRows) for (const row of rows) row.forEach((token, l) => counts[l]!.set(token, (counts[l]!.get(token) ?? 0) + 1));
    return target.map((row) => layers.filter((layer) => (counts[layer - 1]!.get(row[layer - 1]!) ?? 0) <= maxReferenceCount).length);
  }
  const flagged = (scores: number[], min: number) => scores.flatMap((s, f) => (s >= min ? [f] : []));
  const all = Array.from({ length: LAYER_COUNT }, (_, i) => i + 1);

  const run = async (params: Record<string, unknown>) => dataOf(await execute(t.app, DetectDocument, { audioId, detector: { name: 'coldTokens', params } })).detect;

  it('flags exactly the frames holding tokens the reference never uses', async () => {
    const result = await run({ reference: 'normal' });
    const scores = expectedScores(all, 0);
    assert.deepEqual(result.scores, scores);
    assert.deepEqual(result.flaggedFrames, flagged(scores, 1));
    assert.deepEqual(result.flaggedFrames, [2, 5], 'the frames edited by hand');
    assert.equal(result.comparison, 'AT_LEAST');
    assert.deepEqual(
      result.anomalies.map(({ startFrame, endFrame, peakFrame, score }) => ({ startFrame, endFrame, peakFrame, score })),
      [
        { startFrame: 2, endFrame: 3, peakFrame: 2, score: scores[2] },
        { startFrame: 5, endFrame: 6, peakFrame: 5, score: scores[5] },
      ],
    );
  });

  it('counts tokens seen at most maxReferenceCount times as cold', async () => {
    const result = await run({ reference: 'normal', maxReferenceCount: 1 });
    const scores = expectedScores(all, 1);
    assert.deepEqual(result.scores, scores);
    assert.deepEqual(result.flaggedFrames, flagged(scores, 1));
    assert.ok(result.flaggedFrames.includes(6), 'frame 6 holds token 500, seen once in the reference');
  });

  it('looks only at the layers asked for, and needs minColdTokens per frame', async () => {
    const firstLayer = await run({ reference: 'normal', layers: [1] });
    assert.deepEqual(firstLayer.scores, expectedScores([1], 0));
    assert.deepEqual(firstLayer.flaggedFrames, [5]);
    const two = await run({ reference: 'normal', minColdTokens: 2 });
    assert.deepEqual(two.flaggedFrames, flagged(expectedScores(all, 0), 2));
    assert.deepEqual(two.flaggedFrames, [5]);
  });

  it('refuses a reference corpus of another model with MODEL_MISMATCH and an unknown one with NOT_FOUND', async () => {
    onlyError(await execute(t.app, DetectDocument, { audioId: otherModelAudio, detector: { name: 'coldTokens', params: { reference: 'normal' } } }), 'MODEL_MISMATCH', /reference corpus "normal" holds codes of external:qwen3-tts-tokenizer-12hz, not of external:other-codec/);
    onlyError(await execute(t.app, DetectDocument, { audioId, detector: { name: 'coldTokens', params: { reference: 'absent' } } }), 'NOT_FOUND', /corpus "absent" does not exist/);
    onlyError(await execute(t.app, DetectDocument, { audioId, detector: { name: 'coldTokens' } }), 'INVALID_ARGUMENT', /parameter reference of detector coldTokens is required/);
  });
});
