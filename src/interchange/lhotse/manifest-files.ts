import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import { excerpt } from '../../jsutils/excerpt.js';
import { RECORDINGS_FILE, SUPERVISIONS_FILE } from './manifest.js';

/** The manifests an import reads: one recordings file and any supervisions files. */
export interface ManifestFiles {
  recordings: string;
  supervisions: string[];
}

const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/**
 * The manifest files named by `inputs`: a folder (its recordings.jsonl.gz and, when present,
 * supervisions.jsonl.gz, or the same names without .gz), or files told apart by "recordings" or
 * "supervisions" in their names. Exactly one recordings manifest → else INVALID_ARGUMENT.
 */
export async function manifestFiles(inputs: readonly string[]): Promise<ManifestFiles> {
  const recordings: string[] = [];
  const supervisions: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new TokenscopeError(ErrorCode.NOT_FOUND, `${input}: no such manifest file or folder`, { path: input });
    if (info.isDirectory()) {
      for (const [list, name] of [[recordings, RECORDINGS_FILE], [supervisions, SUPERVISIONS_FILE]] as const) {
        const found = (await exists(join(input, name))) ? join(input, name) : (await exists(join(input, name.replace(/\.gz$/, '')))) ? join(input, name.replace(/\.gz$/, '')) : null;
        if (found) list.push(found);
      }
      continue;
    }
    const name = basename(input).toLowerCase();
    if (name.includes('recordings')) recordings.push(input);
    else if (name.includes('supervisions')) supervisions.push(input);
    else throw invalidArgument(`${excerpt(input)}: cannot tell a recordings manifest from a supervisions one: its name must contain "recordings" or "supervisions"`, { argument: 'paths' });
  }
  if (recordings.length !== 1) {
    throw invalidArgument(`expected one recordings manifest (${RECORDINGS_FILE}, or a file with "recordings" in its name); found ${recordings.length}${recordings.length ? `: ${recordings.join(', ')}` : ''}`, { argument: 'paths' });
  }
  return { recordings: recordings[0]!, supervisions };
}
