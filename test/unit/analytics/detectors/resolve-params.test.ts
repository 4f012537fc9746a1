import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '../../../../src/errors.js';
import type { ParameterSpec } from '../../../../src/analytics/detectors/detector.js';
import { MAX_PARAM_DEPTH, resolveParams } from '../../../../src/analytics/detectors/resolve-params.js';
import { assertThrowsCode } from '../../../support/errors.js';

const specs: readonly ParameterSpec[] = [
  { name: 'reference', type: 'string', description: 'Reference corpus.' },
  { name: 'layers', type: 'layers', description: 'Layers.', default: [10, 11, 12] },
  { name: 'percentile', type: 'float', description: 'Percentile.', default: 95, min: 0, max: 100 },
  { name: 'minCount', type: 'int', description: 'Minimum count.', default: 1, min: 1 },
];
const detector = { name: 'probe', parameters: specs };

describe('resolveParams', () => {
  it('fills in the defaults of parameters that are not given', () => {
    assert.deepEqual(resolveParams(detector, { reference: 'normal' }), {
      reference: 'normal',
      layers: [10, 11, 12],
      percentile: 95,
      minCount: 1,
    });
  });

  it('keeps given values and sorts layer lists ascending', () => {
    const params = resolveParams(detector, { reference: 'r', layers: [16, 1, 8], percentile: 99.5, minCount: 3 });
    assert.deepEqual(params, { reference: 'r', layers: [1, 8, 16], percentile: 99.5, minCount: 3 });
  });

  it('treats null and undefined as not given', () => {
    assert.equal(resolveParams(detector, { reference: 'r', percentile: null, minCount: undefined })['percentile'], 95);
  });

  it('accepts values on the bounds of the range', () => {
    assert.equal(resolveParams(detector, { reference: 'r', percentile: 0 })['percentile'], 0);
    assert.equal(resolveParams(detector, { reference: 'r', percentile: 100 })['percentile'], 100);
  });

  it('accepts whole numbers for a float parameter', () => {
    assert.equal(resolveParams(detector, { reference: 'r', percentile: 90 })['percentile'], 90);
  });
});

describe('resolveParams with odd and oneOf specs', () => {
  const probe = {
    name: 'probe',
    parameters: [
      { name: 'window', type: 'int', description: 'Window.', default: 25, min: 1, odd: true },
      { name: 'mode', type: 'string', description: 'Mode.', default: 'a', oneOf: ['a', 'b'] },
    ] satisfies ParameterSpec[],
  };

  it('accepts an odd window and a listed value', () => {
    assert.deepEqual(resolveParams(probe, { window: 3, mode: 'b' }), { window: 3, mode: 'b' });
  });

  it('rejects an even window and an unlisted value with INVALID_ARGUMENT', () => {
    assertThrowsCode(() => resolveParams(probe, { window: 4 }), ErrorCode.INVALID_ARGUMENT, /parameter window of detector probe expects an odd integer ≥ 1; received 4 \(number\)/);
    assertThrowsCode(() => resolveParams(probe, { mode: 'c' }), ErrorCode.INVALID_ARGUMENT, /parameter mode of detector probe expects one of "a", "b"; received "c" \(string\)/);
  });

  it('accepts reserved names without resolving them', () => {
    assert.deepEqual(resolveParams(probe, { threshold: { rule: 'topK' } }, ['threshold']), { window: 25, mode: 'a' });
  });
});

describe('resolveParams misuse', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an unknown parameter, listing the known ones', { reference: 'r', percentil: 90 }, /detector probe has no parameter "percentil"; known parameters: reference, layers, percentile, minCount/],
    ['a missing required parameter', {}, /parameter reference of detector probe is required \(a non-empty string\); received nothing/],
    ['an empty string', { reference: '' }, /parameter reference of detector probe expects a non-empty string; received "" \(string\)/],
    ['a string for a float', { reference: 'r', percentile: '95' }, /parameter percentile of detector probe expects a finite number in \[0, 100\]; received "95" \(string\)/],
    ['a float above its maximum', { reference: 'r', percentile: 100.1 }, /parameter percentile .* in \[0, 100\]; received 100\.1 \(number\)/],
    ['a float below its minimum', { reference: 'r', percentile: -5 }, /received -5 \(number\)/],
    ['an infinite float', { reference: 'r', percentile: Infinity }, /received Infinity \(number\)/],
    ['a fraction for an int', { reference: 'r', minCount: 2.5 }, /parameter minCount of detector probe expects an integer ≥ 1; received 2\.5 \(number\)/],
    ['an int below its minimum', { reference: 'r', minCount: 0 }, /expects an integer ≥ 1; received 0 \(number\)/],
    ['a boolean for an int', { reference: 'r', minCount: true }, /received true \(boolean\)/],
    ['layer 0', { reference: 'r', layers: [0, 1] }, /parameter layers of detector probe expects a non-empty list of distinct layer numbers 1\.\.16; received \[0,1\] \(array\)/],
    ['layer 17', { reference: 'r', layers: [17] }, /received \[17\] \(array\)/],
    ['an empty layer list', { reference: 'r', layers: [] }, /received \[\] \(array\)/],
    ['a repeated layer', { reference: 'r', layers: [3, 3] }, /received \[3,3\] \(array\)/],
    ['a single layer number instead of a list', { reference: 'r', layers: 10 }, /received 10 \(number\)/],
    ['a layer given as a string', { reference: 'r', layers: ['10'] }, /received \["10"\] \(array\)/],
  ];
  for (const [what, given, message] of cases) {
    it(`rejects ${what} with INVALID_ARGUMENT`, () => {
      assertThrowsCode(() => resolveParams(detector, given), ErrorCode.INVALID_ARGUMENT, message);
    });
  }

  it('names the parameter, expected and received values in the error details', () => {
    assert.throws(
      () => resolveParams(detector, { reference: 'r', minCount: 0.5 }),
      (error: { details?: Record<string, unknown> }) => {
        assert.deepEqual(error.details, {
          detector: 'probe',
          parameter: 'minCount',
          expected: 'an integer ≥ 1',
          received: '0.5 (number)',
        });
        return true;
      },
    );
  });
});

describe('resolveParams with oversized values', () => {
  /** [[[…[1]…]]] nested `depth` arrays deep. */
  const nested = (depth: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it('refuses a value nested 5,000 deep with INVALID_ARGUMENT naming the parameter and the depth limit', () => {
    assertThrowsCode(
      () => resolveParams(detector, { reference: 'r', percentile: nested(5_000) }),
      ErrorCode.INVALID_ARGUMENT,
      new RegExp(`^parameter percentile of detector probe nests arrays and objects more than ${MAX_PARAM_DEPTH} levels deep; at most ${MAX_PARAM_DEPTH} are accepted$`),
    );
  });

  it('checks the depth of reserved parameters too (threshold, segmenter), before anyone renders them', () => {
    assertThrowsCode(() => resolveParams(detector, { reference: 'r', threshold: { rule: nested(5_000) } }, ['threshold']), ErrorCode.INVALID_ARGUMENT, /parameter threshold of detector probe nests/);
  });

  it('accepts a value exactly at the depth limit (then judges it by its spec)', () => {
    assertThrowsCode(() => resolveParams(detector, { reference: 'r', percentile: nested(MAX_PARAM_DEPTH) }), ErrorCode.INVALID_ARGUMENT, /expects a finite number in \[0, 100\]; received \[\[\[/);
  });

  it('echoes at most an excerpt of a long received value, with its length', () => {
    assert.throws(
      () => resolveParams(detector, { reference: 'r', percentile: 'p'.repeat(900_000) }),
      (error: Error & { details?: Record<string, unknown> }) => {
        assert.ok(error.message.length < 400, `message of ${error.message.length} characters`);
        assert.match(error.message, /received "p{99}… \(900002 characters\) \(string\)$/);
        assert.ok(String(error.details?.['received']).length < 200);
        return true;
      },
    );
  });

  it('echoes at most an excerpt of a long unknown parameter name', () => {
    assert.throws(
      () => resolveParams(detector, { reference: 'r', ['n'.repeat(900_000)]: 1 }),
      (error: Error & { details?: Record<string, unknown> }) => {
        assert.ok(error.message.length < 400, `message of ${error.message.length} characters`);
        assert.match(error.message, /has no parameter "n{99}… \(900002 characters\); known parameters/);
        assert.ok(String(error.details?.['parameter']).length < 200);
        return true;
      },
    );
  });
});
