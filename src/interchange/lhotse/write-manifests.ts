import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RECORDINGS_FILE, SUPERVISIONS_FILE } from './manifest.js';
import type { LhotseManifests } from './to-lhotse.js';

/** gzip-compressed JSONL of records, one per line (how Lhotse writes `*.jsonl.gz`). */
export function jsonlGz(records: readonly unknown[]): Buffer {
  return gzipSync(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** Writes recordings.jsonl.gz and supervisions.jsonl.gz into `dir` (created when absent); returns their paths. */
export async function writeManifests(dir: string, manifests: LhotseManifests): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths = [join(dir, RECORDINGS_FILE), join(dir, SUPERVISIONS_FILE)];
  await writeFile(paths[0]!, jsonlGz(manifests.recordings));
  await writeFile(paths[1]!, jsonlGz(manifests.supervisions));
  return paths;
}
