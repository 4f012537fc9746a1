import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_RATE } from '../../../../src/domain/contract.js';
import { mulberry32 } from '../../../../src/jsutils/mulberry32.js';
import { envelopeSpectrumModel, nodesToBins, nodesToBinsGeometric } from '../../../../src/decoders/reference/envelope-spectrum.js';
import { MEL_BANDS, melEdgesHz } from '../../../../src/decoders/reference/feature-layout.js';

describe('spreading band-centre values over STFT bins', () => {
  for (const fftSize of [1024, 2048]) {
    const model = envelopeSpectrumModel(fftSize, fftSize, 0);
    const centres = melEdgesHz().subarray(1, MEL_BANDS + 1);
    const random = mulberry32(fftSize);
    const nodes = Float64Array.from({ length: MEL_BANDS }, () => Math.exp(8 * random() - 4));

    it(`geometrically: e^(linear interpolation of the logs) at every bin, the end values flat beyond the end centres (FFT ${fftSize})`, () => {
      const geometric = new Float64Array(model.bins);
      nodesToBinsGeometric(model, nodes, geometric);
      const binHz = SAMPLE_RATE / fftSize;
      let worst = 0;
      for (let k = 0; k < model.bins; k++) {
        const hz = k * binHz;
        let expected: number;
        if (hz <= centres[0]!) expected = nodes[0]!;
        else if (hz >= centres[MEL_BANDS - 1]!) expected = nodes[MEL_BANDS - 1]!;
        else {
          let lo = 0;
          while (centres[lo + 1]! < hz) lo++;
          const u = (hz - centres[lo]!) / (centres[lo + 1]! - centres[lo]!);
          expected = Math.exp((1 - u) * Math.log(nodes[lo]!) + u * Math.log(nodes[lo + 1]!));
        }
        worst = Math.max(worst, Math.abs(geometric[k]! / expected - 1));
      }
      assert.ok(worst < 1e-12, `worst relative difference ${worst}`);
    });

    it(`geometrically, a low node pulls its side of the gap down where the linear blend stays near the high one (FFT ${fftSize})`, () => {
      const cliff = new Float64Array(MEL_BANDS).fill(1);
      for (let b = 40; b < MEL_BANDS; b++) cliff[b] = 1e-4;
      const geometric = new Float64Array(model.bins);
      const linear = new Float64Array(model.bins);
      nodesToBinsGeometric(model, cliff, geometric);
      nodesToBins(model, cliff, linear);
      // Three quarters of the way from centre 39 to centre 40: linear 0.25, geometric 1e-3.
      const hz = centres[39]! + 0.75 * (centres[40]! - centres[39]!);
      const k = Math.round(hz / (SAMPLE_RATE / fftSize));
      assert.ok(linear[k]! > 0.15 && linear[k]! < 0.35, `linear ${linear[k]}`);
      assert.ok(geometric[k]! > 2e-4 && geometric[k]! < 5e-3, `geometric ${geometric[k]}`);
    });
  }

  it('geometrically, zero, tiny and huge nodes give finite, positive values (logs clamped to ±69)', () => {
    const model = envelopeSpectrumModel(2048, 1920, 0);
    const nodes = new Float64Array(MEL_BANDS).fill(1);
    nodes[10] = 0;
    nodes[11] = 1e-320;
    nodes[30] = 1e300;
    const out = new Float64Array(model.bins);
    nodesToBinsGeometric(model, nodes, out);
    assert.ok(out.every((v) => Number.isFinite(v) && v > 0));
    assert.ok(Math.max(...out) <= Math.exp(69) * (1 + 1e-9));
  });
});
