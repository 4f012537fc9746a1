import { ColdTokensDocument } from '../src/client/generated/graphql.js';
import type { App } from '../src/main.js';
import { execute, prepare } from './execute.js';
import { measure } from './timing.js';
import type { Repetitions, Timing } from './timing.js';

/** Cold tokens between two corpora through the API. */
export interface ColdTokensFigures {
  timing: Timing;
  /** Cold tokens returned (at most the limit). */
  found: number;
  /** Layers the returned cold tokens lie in. */
  layers: number[];
}

/** Times `coldTokens` (reference → target, limit 50, 3 occurrences each) through the API. */
export async function measureColdTokens(app: App, reference: string, target: string, reps: Repetitions): Promise<ColdTokensFigures> {
  const op = prepare(ColdTokensDocument, { reference, target, limit: 50, occurrences: 3 });
  const data = await execute(app, op);
  return {
    timing: await measure(() => execute(app, op), reps),
    found: data.coldTokens.length,
    layers: [...new Set(data.coldTokens.map((t) => t.layer))].sort((a, b) => a - b),
  };
}
