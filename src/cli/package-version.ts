import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../jsutils/repo-root.js';

/** The version in tokenscope's package.json, found from this module's own location (not the working folder). */
export function packageVersion(): string {
  const root = repoRoot(dirname(fileURLToPath(import.meta.url)));
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
