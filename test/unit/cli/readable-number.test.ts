import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readableNumber } from '../../../src/cli/readable-number.js';

describe('readableNumber', () => {
  it('writes integers with thousands separators and other numbers to 3 significant figures', () => {
    assert.deepEqual([0, 7, 1234, 72720000].map(readableNumber), ['0', '7', '1,234', '72,720,000']);
    assert.deepEqual([7.1234, 0.03125, 10.96, 999.4].map(readableNumber), ['7.12', '0.0313', '11.0', '999']);
    assert.deepEqual([1234.56, -0.5].map(readableNumber), ['1,235', '-0.500']);
  });
});
