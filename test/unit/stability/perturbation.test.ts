import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../src/errors.js';
import { parsePerturbation, perturbationKey } from '../../../src/stability/perturbation.js';
import { assertThrowsCode } from '../../support/errors.js';

describe('parsePerturbation', () => {
  it('reads every kind with its parameters', () => {
    assert.deepEqual(parsePerturbation('noise:snr=20'), { kind: 'noise', colour: 'white', snrDb: 20, seed: 0 });
    assert.deepEqual(parsePerturbation('noise:snr=20,colour=babble,seed=2'), { kind: 'noise', colour: 'babble', snrDb: 20, seed: 2 });
    assert.deepEqual(parsePerturbation('gain:db=-6'), { kind: 'gain', db: -6 });
    assert.deepEqual(parsePerturbation('shift:samples=1'), { kind: 'shift', samples: 1 });
    assert.deepEqual(parsePerturbation('resample:rate=16000'), { kind: 'resample', rate: 16_000 });
    assert.deepEqual(parsePerturbation('mp3:kbps=64'), { kind: 'mp3', kbps: 64 });
    assert.deepEqual(parsePerturbation('roundtrip:layers=1-8'), { kind: 'roundtrip', layers: [1, 2, 3, 4, 5, 6, 7, 8] });
    assert.deepEqual(parsePerturbation('roundtrip:layers=9+1-3'), { kind: 'roundtrip', layers: [1, 2, 3, 9] });
  });

  it('gives one key to two spellings of a perturbation, and the key parses back to it', () => {
    assert.equal(perturbationKey(parsePerturbation('noise:seed=0, snr=20')), perturbationKey(parsePerturbation('noise:snr=20.0,colour=white')));
    for (const text of ['noise:snr=20', 'noise:snr=12.5,colour=babble,seed=7', 'gain:db=-6', 'gain:db=0', 'shift:samples=-3', 'resample:rate=16000', 'mp3:kbps=192', 'roundtrip:layers=1-4+9+11-16']) {
      const p = parsePerturbation(text);
      assert.deepEqual(parsePerturbation(perturbationKey(p)), p, text);
    }
    assert.equal(perturbationKey(parsePerturbation('noise:snr=20')), 'noise:snr=20,colour=white,seed=0');
    assert.equal(perturbationKey(parsePerturbation('roundtrip:layers=1-4+9+11-16')), 'roundtrip:layers=1-4+9+11-16');
    assert.equal(perturbationKey(parsePerturbation('gain:db=-0')), 'gain:db=0');
  });

  describe('refuses, naming the part', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /unknown kind ""/],
      ['reverb:t60=1', /unknown kind "reverb"/],
      ['noise', /noise needs snr=/],
      ['noise:snr=loud', /snr must be a number in -120\.\.120 dB, got "loud"/],
      ['noise:snr=20,colour=pink', /colour must be white or babble, got "pink"/],
      ['noise:snr=20,seed=1.5', /seed must be an integer/],
      ['noise:snr=20,snr=30', /snr is given twice/],
      ['noise:snr', /expected name=value, got "snr"/],
      ['gain:db=-6,snr=3', /gain takes db, got "snr"/],
      ['gain:db=100', /db must be a number in -60\.\.60 dB, got "100"/],
      ['shift:samples=0.5', /samples must be an integer/],
      ['resample:rate=100', /rate must be an integer in 4000\.\.192000 Hz/],
      ['mp3:kbps=65', /kbps must be one of 8, 40, 48/],
      ['mp3:kbps=32', /16, 24 and 32 make lamejs resample to silence\), got 32/],
      ['roundtrip:layers=0-8', /layers must be layer numbers 1\.\.16 .* got "0-8"/],
      ['roundtrip:layers=1-17', /got "1-17"/],
      ['roundtrip:layers=8-1', /got "8-1"/],
    ];
    for (const [text, message] of cases) {
      it(`${JSON.stringify(text)} with INVALID_ARGUMENT`, () => assertThrowsCode(() => parsePerturbation(text), ErrorCode.INVALID_ARGUMENT, message));
    }
  });
});
