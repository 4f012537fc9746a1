import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { MAX_PERTURBATIONS, parsePerturbations } from '../../../src/stability-runs/parse-perturbations.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('parsePerturbations', () => {
  it('keys each perturbation canonically and keeps one of each key, in the order first given', () => {
    const parsed = parsePerturbations(['noise:snr=20', 'gain:db=-6', 'noise:colour=white,snr=20,seed=0', 'roundtrip:layers=1-8']);
    assert.deepEqual(parsed.map((p) => p.key), ['noise:snr=20,colour=white,seed=0', 'gain:db=-6', 'roundtrip:layers=1-8']);
    assert.deepEqual(parsed[1]!.perturbation, { kind: 'gain', db: -6 });
  });

  describe('misuse', () => {
    it('refuses an empty list', () => {
      assertThrowsCode(() => parsePerturbations([]), ErrorCode.INVALID_ARGUMENT, /^perturbations: expected at least one .* got none$/);
    });

    it('refuses a bad text, naming it', () => {
      assertThrowsCode(() => parsePerturbations(['gain:db=-6', 'reverb:room=big']), ErrorCode.INVALID_ARGUMENT, /perturbation "reverb:room=big": unknown kind "reverb"/);
    });

    it(`refuses more than ${MAX_PERTURBATIONS} distinct perturbations with LIMIT_EXCEEDED`, () => {
      const many = Array.from({ length: MAX_PERTURBATIONS + 1 }, (_, i) => `gain:db=${i}`);
      assertThrowsCode(() => parsePerturbations(many), ErrorCode.LIMIT_EXCEEDED, new RegExp(`at most ${MAX_PERTURBATIONS} per run, got ${MAX_PERTURBATIONS + 1}`));
      assert.equal(parsePerturbations([...many.slice(0, MAX_PERTURBATIONS), 'gain:db=0.0']).length, MAX_PERTURBATIONS);
    });
  });
});
