import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hannWindow } from '../../../src/signal/hann-window.js';
import { melFilterbank, melToHz } from '../../../src/signal/mel-filterbank.js';
import { SPECTROGRAM_SHAPE } from '../../../src/signal/signal-summary.js';
import { dbToByte, spectrogramColumns, StreamingSpectrogram } from '../../../src/signal/spectrogram.js';

const shape = SPECTROGRAM_SHAPE;
const RATE = shape.sampleRate;

function sine(hz: number, seconds: number, amplitude = 1): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, t) => amplitude * Math.sin((2 * Math.PI * hz * t) / RATE));
}

function spectrogramOf(signal: Float32Array, chunk = signal.length): StreamingSpectrogram {
  const s = new StreamingSpectrogram(shape, signal.length);
  for (let at = 0; at < signal.length; at += chunk) s.push(signal.subarray(at, at + chunk));
  s.finish();
  return s;
}

/** The band whose centre lies nearest `hz`. */
function bandOf(hz: number): number {
  const top = 2595 * Math.log10(1 + shape.maxHz / 700);
  const centres = Array.from({ length: shape.bands }, (_, b) => melToHz((top * (b + 1)) / (shape.bands + 1)));
  return centres.reduce((best, c, b) => (Math.abs(c - hz) < Math.abs(centres[best]! - hz) ? b : best), 0);
}

describe('hannWindow', () => {
  it('is periodic: zero at the first sample, one at the middle, and not zero at the last', () => {
    const w = hannWindow(8);
    assert.equal(w[0], 0);
    assert.ok(Math.abs(w[4]! - 1) < 1e-15);
    assert.ok(Math.abs(w[7]! - w[1]!) < 1e-15 && w[7]! > 0);
  });
});

describe('melFilterbank', () => {
  it('gives every band weights summing to one, even the narrow low bands', () => {
    for (const band of melFilterbank(64, 1024, RATE, 12_000)) {
      assert.ok(band.weights.length >= 1);
      assert.ok(Math.abs(band.weights.reduce((s, w) => s + w, 0) - 1) < 1e-12);
    }
  });
});

describe('StreamingSpectrogram', () => {
  it('has one column per 20 ms hop, the last one partial', () => {
    assert.equal(spectrogramOf(sine(440, 1)).columns, 50);
    assert.equal(spectrogramOf(new Float32Array(481)).columns, 2);
  });

  for (const hz of [440, 1000, 5000]) {
    it(`puts a ${hz} Hz sine's peak in the band centred nearest ${hz} Hz, at about 0 dB for full scale`, () => {
      const s = spectrogramOf(sine(hz, 1));
      const column = s.data.subarray(25 * shape.bands, 26 * shape.bands);
      const loudest = column.indexOf(Math.max(...column));
      assert.ok(Math.abs(loudest - bandOf(hz)) <= 1, `loudest band ${loudest}, expected near ${bandOf(hz)}`);
      const db = shape.floorDb + column[loudest]! * shape.stepDb;
      assert.ok(db > -12 && db < 1, `level ${db} dB`);
    });
  }

  it('gives the same bytes however the input is chunked', () => {
    const signal = sine(700, 0.5);
    assert.deepEqual(spectrogramOf(signal, 333).data, spectrogramOf(signal).data);
  });

  it('centres each column on its hop: a click at 0.5 s is loudest in column 25, and silence before it is at the floor', () => {
    const signal = new Float32Array(RATE);
    signal[RATE / 2 + 240] = 1;
    const s = spectrogramOf(signal);
    const level = (c: number) => Math.max(...s.data.subarray(c * shape.bands, (c + 1) * shape.bands));
    const levels = Array.from({ length: s.columns }, (_, c) => level(c));
    assert.equal(levels.indexOf(Math.max(...levels)), 25);
    assert.equal(level(0), 0);
    assert.equal(level(23), 0);
  });

  it('windows the edges with zeros: the first and last columns of a steady sine are quieter than the middle ones but not silent', () => {
    const s = spectrogramOf(sine(1000, 1));
    const level = (c: number) => Math.max(...s.data.subarray(c * shape.bands, (c + 1) * shape.bands));
    assert.ok(level(0) < level(25) && level(0) > 0);
    assert.ok(level(s.columns - 1) < level(25) && level(s.columns - 1) > 0);
  });
});

describe('dbToByte', () => {
  it('maps the floor to 0, steps of stepDb to one, and clamps at 255', () => {
    assert.equal(dbToByte(shape.floorDb, shape), 0);
    assert.equal(dbToByte(shape.floorDb + 10 * shape.stepDb, shape), 10);
    assert.equal(dbToByte(-500, shape), 0);
    assert.equal(dbToByte(100, shape), 255);
  });
});

describe('spectrogramColumns', () => {
  it('keeps each band\'s loudest level over the columns merged, and zeros past the end', () => {
    const data = Uint8Array.from([1, 9, 5, 2, 3, 3, 7, 0]);
    assert.deepEqual([...spectrogramColumns(data, 2, 0, 4, 2)], [5, 9, 7, 3]);
    assert.deepEqual([...spectrogramColumns(data, 2, 3, 2, 2)], [7, 0, 0, 0]);
  });
});
