import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layerContribution } from '../../../src/codebooks/layer-contribution.js';
import { LayerEnergySums } from '../../../src/codebooks/layer-energy.js';
import type { LayerTokenCount } from '../../../src/codebooks/layer-energy.js';
import type { CodeMatrix } from '../../../src/domain/code-matrix.js';
import { ALL_LAYERS } from '../../../src/domain/contract.js';
import { layerHistogram } from '../../../src/analytics/token-histogram.js';
import { randomRows, seededRandom } from '../../support/code-files.js';
import { matrixFromRows } from '../../support/matrices.js';
import { randomCodebooks } from './codebooks-kit.js';

function countsOf(matrices: readonly CodeMatrix[]): LayerTokenCount[] {
  const out: LayerTokenCount[] = [];
  for (const layer of ALL_LAYERS) {
    const total = new Uint32Array(2048);
    for (const m of matrices) layerHistogram(m, layer).forEach((c, t) => (total[t]! += c));
    total.forEach((count, token) => count && out.push({ layer, token, count }));
  }
  return out;
}

describe('layer energies from token counts', () => {
  const codebooks = randomCodebooks(4, 21);
  const matrices = [matrixFromRows(randomRows(seededRandom(1), 37)), matrixFromRows(randomRows(seededRandom(2), 11, 0, 5))];

  it('equal the mean over frames of ‖c_L[token]‖² that reading every frame gives', () => {
    const fromCounts = new LayerEnergySums().add(codebooks, countsOf(matrices)).result();
    const perFrame = matrices.map((m) => layerContribution(m, codebooks));
    for (let l = 0; l < 16; l++) {
      const scanned = (perFrame[0]!.mean[l]! * 37 + perFrame[1]!.mean[l]! * 11) / 48;
      assert.ok(Math.abs(fromCounts.mean[l]! - scanned) < 1e-12 * scanned, `layer ${l + 1}: ${fromCounts.mean[l]} ≠ ${scanned}`);
    }
  });

  it('give each layer its share of the 16 layers\' sum, the shares summing to 1', () => {
    const { mean, share } = new LayerEnergySums().add(codebooks, countsOf(matrices)).result();
    const total = mean.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(share.reduce((s, v) => s + v, 0) - 1) < 1e-12);
    assert.ok(Math.abs(share[6]! - mean[6]! / total) < 1e-15);
  });

  it('add up across models, each histogram against its own codebooks, to the mean over all frames', () => {
    const other = randomCodebooks(4, 22);
    const [m1, m2] = matrices;
    const mixed = new LayerEnergySums().add(codebooks, countsOf([m1!])).add(other, countsOf([m2!])).result();
    const expected = (layerContribution(m1!, codebooks).mean[0]! * 37 + layerContribution(m2!, other).mean[0]! * 11) / 48;
    assert.ok(Math.abs(mixed.mean[0]! - expected) < 1e-12 * expected);
  });

  it('are 0, with shares 0, when nothing was counted or every vector is zero', () => {
    const empty = new LayerEnergySums().result();
    assert.deepEqual([Array.from(empty.mean), Array.from(empty.share)], [new Array(16).fill(0), new Array(16).fill(0)]);
  });
});
