import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';
import type { MemoryAudio } from '../../../support/memory-detector-context.js';

/** A matrix whose layer 1 holds `tokens` and every other layer 0. */
const layerOne = (...tokens: number[]) => matrixFromRows(tokens.map((t) => frameRow(0, { 1: t })));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

// Audio 1: a cough over frames 0–1 (token 5), a sneeze on frame 2; audio 2: unlabelled zeros;
// audio 3 is the scored one, a long cough of token 5 that must not be trained on.
const train: MemoryAudio[] = [
  { audioId: 1, matrix: layerOne(5, 5, 0, 0), labels: [{ startFrame: 0, endFrame: 2, label: 'cough' }, { startFrame: 2, endFrame: 3, label: 'sneeze' }] },
  { audioId: 2, matrix: layerOne(0, 0, 0, 0) },
  { audioId: 3, matrix: layerOne(5, 5, 5, 5), labels: [{ startFrame: 0, endFrame: 4, label: 'cough' }] },
];
const scored = layerOne(5, 0, 9);
const params = { training: 'train', label: 'cough', layers: [1] };

describe('tokenEnrichment detector', () => {
  it('scores per-token log-odds in bits of event against unlabelled frames, leaving out the scored audio', async () => {
    const run = await createDetectorRegistry().run('tokenEnrichment', params, scored, memoryDetectorContext({ train }, [3]));
    // cough frames: c(5) = 2 of 2; unlabelled: c(0) = 1 + 4 = 5 of 5 (the sneeze frame is ignored);
    // α = 0.5 → denominators 2 + 1024 = 1026 and 5 + 1024 = 1029
    close(run.scores[0]!, Math.log2(2.5 / 1026) - Math.log2(0.5 / 1029));
    close(run.scores[1]!, Math.log2(0.5 / 1026) - Math.log2(5.5 / 1029));
    close(run.scores[2]!, Math.log2(0.5 / 1026) - Math.log2(0.5 / 1029)); // unseen on both sides
  });

  it('takes frames of every label as events with label "*"', async () => {
    const run = await createDetectorRegistry().run('tokenEnrichment', { ...params, label: '*' }, scored, memoryDetectorContext({ train }, [3]));
    // events: 5, 5, 0 (3 frames); unlabelled: 0 × 5 → denominators 1027 and 1029
    close(run.scores[1]!, Math.log2(1.5 / 1027) - Math.log2(5.5 / 1029));
  });

  it('gives the same scores as a corpus that never held the scored audio', async () => {
    const registry = createDetectorRegistry();
    const heldOut = await registry.run('tokenEnrichment', params, scored, memoryDetectorContext({ train }, [3]));
    const without = await registry.run('tokenEnrichment', params, scored, memoryDetectorContext({ train: train.slice(0, 2) }, []));
    const leaked = await registry.run('tokenEnrichment', params, scored, memoryDetectorContext({ train }, []));
    assert.deepEqual([...heldOut.scores], [...without.scores]);
    assert.notDeepEqual([...heldOut.scores], [...leaked.scores]);
  });

  it('caches the model per held-out set and corpus version', async () => {
    const registry = createDetectorRegistry();
    const ctx = memoryDetectorContext({ train }, [3]);
    await registry.run('tokenEnrichment', params, scored, ctx);
    await registry.run('tokenEnrichment', params, scored, ctx);
    assert.equal(ctx.calls.get('trainingExamples'), 1);
    await registry.run('tokenEnrichment', params, scored, { ...ctx, heldOutAudioIds: [2, 3] });
    assert.equal(ctx.calls.get('trainingExamples'), 2);
  });
});

describe('tokenEnrichment detector misuse', () => {
  const registry = createDetectorRegistry();

  it('refuses with INTERNAL a context that does not say which audio is scored', async () => {
    await assertRejectsCode(
      registry.run('tokenEnrichment', params, scored, memoryDetectorContext({ train }, null)),
      ErrorCode.INTERNAL,
      /detector tokenEnrichment needs heldOutAudioIds/,
    );
  });

  it('passes on NOT_FOUND for an unknown training corpus', async () => {
    await assertRejectsCode(registry.run('tokenEnrichment', { training: 'nope' }, scored, memoryDetectorContext({ train }, [3])), ErrorCode.NOT_FOUND, /no corpus named "nope"/);
  });

  it('rejects a training corpus without event frames outside the held-out audio', async () => {
    await assertRejectsCode(
      registry.run('tokenEnrichment', { ...params, label: 'sneeze' }, scored, memoryDetectorContext({ train }, [1, 3])),
      ErrorCode.INVALID_ARGUMENT,
      /training corpus train has no frames labelled "sneeze" outside the held-out audio \(1, 3\)/,
    );
  });

  it('requires the training corpus name', async () => {
    await assertRejectsCode(registry.run('tokenEnrichment', {}, scored, memoryDetectorContext({ train }, [3])), ErrorCode.INVALID_ARGUMENT, /parameter training of detector tokenEnrichment is required/);
  });
});
