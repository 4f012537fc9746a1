import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lbfgs } from '../../../../src/analytics/classifiers/lbfgs.js';

describe('lbfgs', () => {
  it('finds the minimiser of a convex quadratic with unequal curvatures', () => {
    // f(x) = Σ c_i (x_i − t_i)², minimum at t.
    const c = [1, 10, 100];
    const t = [3, -2, 0.5];
    const result = lbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          f += c[i]! * (x[i]! - t[i]!) ** 2;
          g[i] = 2 * c[i]! * (x[i]! - t[i]!);
        }
        return f;
      },
      new Float64Array(3),
      { maxIterations: 100, gradientTolerance: 1e-10, relativeTolerance: 0 },
    );
    result.x.forEach((v, i) => assert.ok(Math.abs(v - t[i]!) < 1e-8, `x[${i}] = ${v}, expected ${t[i]}`));
    assert.ok(result.loss < 1e-15);
  });

  it('reaches the valley floor of the Rosenbrock function at (1, 1)', () => {
    const result = lbfgs(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxIterations: 500, gradientTolerance: 1e-9, relativeTolerance: 0 },
    );
    assert.ok(Math.abs(result.x[0]! - 1) < 1e-5 && Math.abs(result.x[1]! - 1) < 1e-5, `stopped at ${Array.from(result.x)}`);
  });

  it('stops after maxIterations and lets onIteration stop it early', () => {
    const objective = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * (x[0]! - 5);
      return (x[0]! - 5) ** 2 + 1;
    };
    assert.ok(lbfgs(objective, new Float64Array(1), { maxIterations: 0 }).iterations === 0);
    let calls = 0;
    assert.throws(() => lbfgs(objective, new Float64Array(1), { maxIterations: 10, onIteration: () => { if (++calls === 1) throw new Error('stop'); } }), /stop/);
  });
});
