import assert from 'node:assert/strict';

/** Asserts |actual − expected| ≤ 1e-12, or that both are NaN. */
export function assertClose(actual: number, expected: number, what = 'value'): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: expected ${expected}, got ${actual}`);
}

/** Asserts every listed field of `actual` is close to `expected`'s. */
export function assertFieldsClose<T extends object>(actual: T, expected: Partial<Record<keyof T, number>>, what = ''): void {
  for (const key of Object.keys(expected) as (keyof T)[]) {
    assertClose(actual[key] as number, expected[key] as number, `${what}${String(key)}`);
  }
}
