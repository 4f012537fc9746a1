import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeMatrix } from '../../../src/domain/code-matrix.js';
import type { CodeMatrix } from '../../../src/domain/code-matrix.js';
import { mulberry32 } from '../../../src/jsutils/mulberry32.js';
import { compareCodes, sumMeasures } from '../../../src/stability/layer-stability.js';
import { collapseRuns, editDistance } from '../../../src/stability/unit-edit-distance.js';

/** A matrix whose layer L holds `rows[L-1]` (layers not given repeat layer 1). */
function matrix(rows: number[][]): CodeMatrix {
  const frames = rows[0]!.length;
  const tokens = new Uint16Array(frames * 16);
  for (let f = 0; f < frames; f++) for (let l = 0; l < 16; l++) tokens[f * 16 + l] = (rows[l] ?? rows[0]!)[f]!;
  return codeMatrix(tokens);
}

/** The textbook O(n·m) table, to check the bit-parallel distance against. */
function tableDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

describe('collapseRuns', () => {
  it('keeps one token per run', () => {
    assert.deepEqual([...collapseRuns([5, 5, 7, 5, 5, 5, 9])], [5, 7, 5, 9]);
    assert.deepEqual([...collapseRuns([])], []);
  });
});

describe('editDistance', () => {
  it('gives the classic distances', () => {
    const codes = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
    assert.equal(editDistance(codes('kitten'), codes('sitting')), 3);
    assert.equal(editDistance(codes('flaw'), codes('lawn')), 2);
    assert.equal(editDistance([], [1, 2, 3]), 3);
    assert.equal(editDistance([1, 2], []), 2);
    assert.equal(editDistance([1, 2, 3], [1, 2, 3]), 0);
  });

  it('equals the full table on random sequences across block edges (31, 32, 33, 64, 65, 200 tokens)', () => {
    const random = mulberry32(11);
    for (const m of [1, 31, 32, 33, 64, 65, 200]) {
      for (const n of [0, 1, 30, 33, 64, 150]) {
        const alphabet = 2 + Math.floor(random() * 8);
        const a = Array.from({ length: m }, () => Math.floor(random() * alphabet));
        const b = Array.from({ length: n }, () => Math.floor(random() * alphabet));
        assert.equal(editDistance(a, b), tableDistance(a, b), `m=${m} n=${n}`);
      }
    }
  });

  it('equals the full table on a long sequence with sparse edits (2 048 tokens, 0..2047)', () => {
    const random = mulberry32(3);
    const a = Array.from({ length: 2048 }, () => Math.floor(random() * 2048));
    const b = a.filter(() => random() > 0.05).map((t) => (random() < 0.05 ? Math.floor(random() * 2048) : t));
    assert.equal(editDistance(a, b), tableDistance(a, b));
  });
});

describe('compareCodes', () => {
  it('counts agreeing frames and unit edits per layer', () => {
    const original = matrix([[1, 1, 2, 2, 3, 3], [4, 4, 4, 4, 4, 4]]);
    // layer 1: frames 0..3 agree, [3,3] became [5,3]: units 1,2,3 vs 1,2,5,3 → one insertion
    // layer 2: all agree; layers 3..16 repeat layer 1
    const perturbed = matrix([[1, 1, 2, 2, 5, 3], [4, 4, 4, 4, 4, 4]]);
    const m = compareCodes(original, perturbed, 'gain:db=6');
    assert.equal(m.perturbation, 'gain:db=6');
    assert.equal(m.frames, 6);
    assert.equal(m.layers.length, 16);
    assert.deepEqual(m.layers[0], { layer: 1, frames: 6, agreeing: 5, edits: 1, units: 3 });
    assert.deepEqual(m.layers[1], { layer: 2, frames: 6, agreeing: 6, edits: 0, units: 1 });
    assert.deepEqual(m.layers[15], { layer: 16, frames: 6, agreeing: 5, edits: 1, units: 3 });
  });

  it('sees a one-frame delay as low agreement but a small unit edit distance', () => {
    const row = [1, 2, 3, 4, 5, 6, 7, 8];
    const m = compareCodes(matrix([row]), matrix([[1, ...row.slice(0, 7)]]), 'shift:samples=1920');
    assert.equal(m.layers[0]!.agreeing, 1);
    assert.equal(m.layers[0]!.edits, 1); // units 1..8 against 1..7: one deletion
  });

  it('counts frames the perturbed codes lack as disagreeing', () => {
    const m = compareCodes(matrix([[1, 2, 3]]), matrix([[1, 2]]), 'x');
    assert.deepEqual(m.layers[0], { layer: 1, frames: 3, agreeing: 2, edits: 1, units: 3 });
  });

  it('sums measures into corpus figures', () => {
    const a = compareCodes(matrix([[1, 2, 3]]), matrix([[1, 2, 4]]), 'k');
    const b = compareCodes(matrix([[7, 7]]), matrix([[7, 7]]), 'k');
    const s = sumMeasures([a, b]);
    assert.equal(s.frames, 5);
    assert.deepEqual(s.layers[0], { layer: 1, frames: 5, agreeing: 4, edits: 1, units: 4 });
    assert.throws(() => sumMeasures([a, compareCodes(matrix([[1]]), matrix([[1]]), 'other')]), RangeError);
  });
});
