/** Locates tokenscope's repository root, for scripts and tests run from anywhere inside it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` (default process.cwd()) whose package.json is tokenscope's. */
export function repoRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'tokenscope') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no tokenscope package.json at or above ${from}; run it from the repository`);
    dir = parent;
  }
}

/** The root of the tokenscope installation this module belongs to, wherever the process was started from. */
export function packageRoot(): string {
  return repoRoot(dirname(fileURLToPath(import.meta.url)));
}
