import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder at or above process.cwd() holding tokenscope's package.json. */
export function repoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tokenscope') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no tokenscope package.json at or above ${process.cwd()}; run tests from the repository`);
    dir = parent;
  }
}

/** The shared test data folder: $TOKENSCOPE_SHARED, else `../shared` beside the repository. */
export function sharedDir(): string {
  return resolve(process.env['TOKENSCOPE_SHARED'] ?? join(repoRoot(), '..', 'shared'));
}
