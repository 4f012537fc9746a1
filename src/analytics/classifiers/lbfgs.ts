/**
 * Limited-memory BFGS for smooth, unconstrained minimisation (Nocedal & Wright, Algorithm 7.4, with
 * a backtracking Armijo line search). Written here rather than taken from a package: the project's
 * package lists hold no maintained numeric optimiser for Node, and this is ~80 lines, deterministic
 * and dependency-free.
 */

/** f(x) and its gradient, written into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** When to stop. */
export interface LbfgsOptions {
  /** Most iterations (each one line search). */
  readonly maxIterations: number;
  /** Stop once max |gradient| ≤ this. */
  readonly gradientTolerance?: number;
  /** Stop once the loss falls by less than this fraction of itself in one iteration. */
  readonly relativeTolerance?: number;
  /** Curvature pairs kept. */
  readonly memory?: number;
  /** Checked between iterations: throw to stop (e.g. an aborted request). */
  readonly onIteration?: () => void;
}

/** The minimiser found, its loss, and how many iterations it took. */
export interface LbfgsResult {
  readonly x: Float64Array;
  readonly loss: number;
  readonly iterations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Minimises `objective` from `start` (not modified). */
export function lbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const memory = options.memory ?? 10;
  const gradientTolerance = options.gradientTolerance ?? 1e-6;
  const relativeTolerance = options.relativeTolerance ?? 1e-9;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let loss = objective(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(n);
  const nextX = new Float64Array(n);
  const nextG = new Float64Array(n);
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    options.onIteration?.();
    let gMax = 0;
    for (let i = 0; i < n; i++) gMax = Math.max(gMax, Math.abs(g[i]!));
    if (gMax <= gradientTolerance) break;
    // Two-loop recursion: direction = −H·g.
    for (let i = 0; i < n; i++) direction[i] = -g[i]!;
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, direction);
      const yk = y[k]!;
      for (let i = 0; i < n; i++) direction[i]! -= alpha[k]! * yk[i]!;
    }
    const gamma = s.length ? dot(s.at(-1)!, y.at(-1)!) / dot(y.at(-1)!, y.at(-1)!) : 1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) direction[i]! *= gamma;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k]! * dot(y[k]!, direction);
      const sk = s[k]!;
      for (let i = 0; i < n; i++) direction[i]! += (alpha[k]! - beta) * sk[i]!;
    }
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]! / Math.max(1e-12, Math.sqrt(dot(g, g)));
      slope = dot(g, direction);
    }
    let step = 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = x[i]! + step * direction[i]!;
      nextLoss = objective(nextX, nextG);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextLoss < loss)) break; // no progress possible along this direction
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = nextX[i]! - x[i]!;
      yk[i] = nextG[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const improvement = (loss - nextLoss) / Math.max(1e-12, Math.abs(loss));
    x = Float64Array.from(nextX);
    g = Float64Array.from(nextG);
    loss = nextLoss;
    if (improvement < relativeTolerance) {
      iterations++;
      break;
    }
  }
  return { x, loss, iterations };
}
