import { join, resolve } from 'node:path';
import { repoRoot } from '../../src/jsutils/repo-root.js';

export { repoRoot };

/** The shared test data folder: $TOKENSCOPE_SHARED, else `../shared` beside the repository. */
export function sharedDir(): string {
  return resolve(process.env['TOKENSCOPE_SHARED'] ?? join(repoRoot(), '..', 'shared'));
}
