/** The training corpus: every .wav under a folder, in a fixed (sorted) order so builds repeat. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Paths of all .wav files under `root`, recursively (following symbolic links), sorted by their path relative to `root`. */
export function listWavFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const target = entry.isSymbolicLink() ? statSync(path) : entry; // a corpus may be assembled from links
      if (target.isDirectory()) walk(path);
      else if (target.isFile() && entry.name.toLowerCase().endsWith('.wav')) out.push(path);
    }
  };
  walk(root);
  return out.sort((a, b) => (relative(root, a) < relative(root, b) ? -1 : relative(root, a) > relative(root, b) ? 1 : 0));
}
