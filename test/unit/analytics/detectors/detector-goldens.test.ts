import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeMatrix } from '../../../../src/domain/code-matrix.js';
import type { CodeMatrix } from '../../../../src/domain/code-matrix.js';
import type { DetectorContext } from '../../../../src/analytics/detectors/detector.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { flaggedFrames } from '../../../../src/analytics/threshold.js';
import { GOLDEN_RELATIVE_TOLERANCE, readDetectorGoldens } from '../../../support/detector-goldens.js';
import type { Golden } from '../../../support/detector-goldens.js';
import { canonicalSha256, qwenCodesDir, readQwenCodesLine } from '../../../support/qwen-codes.js';

// Goldens come from the guide's own numpy code: scripts/goldens/detector_goldens.py.
const RELATIVE_TOLERANCE = GOLDEN_RELATIVE_TOLERANCE;
const goldens = readDetectorGoldens();
const noReferences: DetectorContext = { referenceCounts: () => Promise.reject(new Error('not used')) };

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Number.MIN_VALUE);
}

function matrixOf(golden: Golden, dir: string | undefined): CodeMatrix {
  const { source } = golden;
  const matrix =
    source.kind === 'synthetic'
      ? codeMatrix(Uint16Array.from(source.tokens!))
      : readQwenCodesLine(dir!, source.file!, source.line!);
  assert.equal(matrix.frames, source.frames, 'frame count');
  assert.equal(canonicalSha256(matrix), source.sha256, 'matrix sha256 differs from the one the golden was made from');
  return matrix;
}

describe('detectors against the guide\'s numpy goldens', () => {
  it('has goldens for at least three real and three synthetic matrices', () => {
    const kinds = goldens.map(({ golden }) => golden.source.kind);
    assert.ok(kinds.filter((k) => k === 'qwen-codes').length >= 3, `kinds: ${kinds.join(', ')}`);
    assert.ok(kinds.filter((k) => k === 'synthetic').length >= 3, `kinds: ${kinds.join(', ')}`);
  });

  const registry = createDetectorRegistry();
  for (const { name, golden } of goldens) {
    for (const detector of ['keyLayerVariance', 'interLayerSpread'] as const) {
      it(`${detector} reproduces numpy's scores, threshold and flagged frames on ${name}`, async (t) => {
        const dir = qwenCodesDir();
        if (golden.source.kind === 'qwen-codes' && dir === undefined) {
          t.skip('../shared/qwen-codes not found (set TOKENSCOPE_SHARED): real-matrix goldens skipped');
          return;
        }
        const expected = golden[detector];
        const run = await registry.run(
          detector,
          { layers: expected.layers, percentile: expected.percentile },
          matrixOf(golden, dir),
          noReferences,
        );
        assert.equal(run.scores.length, expected.scores.length);
        expected.scores.forEach((score, frame) => {
          assert.ok(close(run.scores[frame]!, score), `frame ${frame}: ${run.scores[frame]} vs numpy ${score}`);
        });
        assert.ok(close(run.threshold, expected.threshold), `threshold ${run.threshold} vs numpy ${expected.threshold}`);
        assert.deepEqual(flaggedFrames(run.flagged), expected.flaggedFrames);
        assert.deepEqual(
          run.anomalies.map(({ startFrame, endFrame, peakFrame }) => ({ startFrame, endFrame, peakFrame })),
          expected.anomalies.map(({ startFrame, endFrame, peakFrame }) => ({ startFrame, endFrame, peakFrame })),
        );
      });
    }
  }
});
