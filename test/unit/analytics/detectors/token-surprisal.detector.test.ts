import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import { createDetectorRegistry } from '../../../../src/analytics/detectors/registry.js';
import { assertRejectsCode } from '../../../support/errors.js';
import { frameRow, matrixFromRows } from '../../../support/matrices.js';
import { memoryDetectorContext } from '../../../support/memory-detector-context.js';

/** A matrix whose layer 1 holds `tokens` and every other layer 0. */
const layerOne = (...tokens: number[]) => matrixFromRows(tokens.map((t) => frameRow(0, { 1: t })));
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);

// Reference layer 1: 5 5 5 7 → c(5) = 3, c(7) = 1, N = 4; α = 0.5 → denominator 4 + 0.5 × 2048 = 1028.
// Pairs (5,5) × 2 and (5,7) × 1, so 5 is followed 3 times and 7 never.
const normal = () => memoryDetectorContext({ normal: [{ audioId: 1, matrix: layerOne(5, 5, 5, 7) }] });

describe('tokenSurprisal detector', () => {
  it('scores add-α unigram surprisal in bits, unseen tokens included, with order 1', async () => {
    const run = await createDetectorRegistry().run('tokenSurprisal', { reference: 'normal', order: 1, layers: [1] }, layerOne(5, 9, 7), normal());
    close(run.scores[0]!, -Math.log2(3.5 / 1028));
    close(run.scores[1]!, -Math.log2(0.5 / 1028)); // never seen: log2(2056) ≈ 11.006 bits
    close(run.scores[2]!, -Math.log2(1.5 / 1028));
    assert.deepEqual(run.thresholdRule, { rule: 'percentile', percentile: 95 });
  });

  it('sums the surprisal over the chosen layers', async () => {
    // layer 2 of the reference is all 0: P(0) = 4.5 / 1028
    const run = await createDetectorRegistry().run('tokenSurprisal', { reference: 'normal', order: 1, layers: [2, 1] }, layerOne(5), normal());
    close(run.scores[0]!, -Math.log2(3.5 / 1028) - Math.log2(4.5 / 1028));
    assert.deepEqual(run.params['layers'], [1, 2]);
  });

  it('interpolates bigrams with the unigram and backs off for an unseen context, with order 2', async () => {
    const run = await createDetectorRegistry().run('tokenSurprisal', { reference: 'normal', layers: [1] }, layerOne(5, 7, 5, 9), normal());
    assert.deepEqual(run.params, { reference: 'normal', layers: [1], order: 2, alpha: 0.5, lambda: 0.9 });
    close(run.scores[0]!, -Math.log2(3.5 / 1028)); // frame 0 has no predecessor
    close(run.scores[1]!, -Math.log2(0.9 * (1 / 3) + 0.1 * (1.5 / 1028))); // P(7 | 5)
    close(run.scores[2]!, -Math.log2(3.5 / 1028)); // 7 is never followed in the reference: unigram
    close(run.scores[3]!, -Math.log2(0.1 * (0.5 / 1028))); // P(9 | 5): pair unseen, token unseen
  });

  it('reduces to the unigram with lambda 0', async () => {
    const run = await createDetectorRegistry().run('tokenSurprisal', { reference: 'normal', layers: [1], lambda: 0 }, layerOne(5, 7), normal());
    close(run.scores[1]!, -Math.log2(1.5 / 1028));
  });

  it('fits the bigram model once per corpus version and refits when the corpus changes', async () => {
    const registry = createDetectorRegistry();
    const ctx = normal();
    const params = { reference: 'normal', layers: [1] };
    await registry.run('tokenSurprisal', params, layerOne(5, 7), ctx);
    const again = await registry.run('tokenSurprisal', params, layerOne(5, 7), ctx);
    assert.equal(ctx.calls.get('referenceMatrices'), 1);
    close(again.scores[1]!, -Math.log2(0.9 / 3 + 0.1 * (1.5 / 1028)));
    ctx.setCorpus('normal', [{ audioId: 1, matrix: layerOne(5, 7, 5, 7) }]); // now 5 → 7 twice out of 2
    const changed = await registry.run('tokenSurprisal', params, layerOne(5, 7), ctx);
    assert.equal(ctx.calls.get('referenceMatrices'), 2);
    close(changed.scores[1]!, -Math.log2(0.9 * 1 + 0.1 * (2.5 / 1028)));
  });
});

describe('tokenSurprisal detector misuse', () => {
  const registry = createDetectorRegistry();
  const matrix = layerOne(5);

  it('passes on NOT_FOUND for an unknown reference, for either order', async () => {
    await assertRejectsCode(registry.run('tokenSurprisal', { reference: 'missing', order: 1 }, matrix, normal()), ErrorCode.NOT_FOUND, /no corpus named "missing"/);
    await assertRejectsCode(registry.run('tokenSurprisal', { reference: 'missing' }, matrix, normal()), ErrorCode.NOT_FOUND, /no corpus named "missing"/);
  });

  it('rejects order 3 and alpha 0 with INVALID_ARGUMENT', async () => {
    await assertRejectsCode(registry.run('tokenSurprisal', { reference: 'normal', order: 3 }, matrix, normal()), ErrorCode.INVALID_ARGUMENT, /parameter order of detector tokenSurprisal expects an integer in \[1, 2\]; received 3/);
    await assertRejectsCode(registry.run('tokenSurprisal', { reference: 'normal', alpha: 0 }, matrix, normal()), ErrorCode.INVALID_ARGUMENT, /parameter alpha .* ≥ 0.001; received 0/);
  });

  it('fails with INTERNAL, naming the member, when the context cannot list reference matrices', async () => {
    const { referenceCounts } = normal();
    await assertRejectsCode(
      registry.run('tokenSurprisal', { reference: 'normal' }, matrix, { referenceCounts }),
      ErrorCode.INTERNAL,
      /detector tokenSurprisal needs referenceMatrices, which this detector context does not provide/,
    );
  });
});
