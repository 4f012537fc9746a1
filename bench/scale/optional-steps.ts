import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Store } from '../../src/store/store.js';

/** `mergeShards(paths, target)` of the shards work (src/shards/merge-shards.ts); its report's `seconds` is the merge's wall time. */
export type MergeShards = (paths: readonly string[], target: Store) => Promise<{ seconds?: number } & Record<string, unknown>>;
/** `attachDataset(store, dir, name)` of the attach work: serves the dataset at `dir` read-only as corpora `name/<corpus>`. */
export type AttachDataset = (store: Store, dir: string, name: string) => Promise<unknown>;

/** Where the steps' modules are expected (relative to this file, compiled), first found wins. */
const MERGE_MODULES = ['../../src/shards/merge-shards.js', '../../src/datasets/merge-shards.js'];
const ATTACH_MODULES = ['../../src/datasets/attach-dataset.js', '../../src/attach/attach-dataset.js', '../../src/datasets/attach.js', '../../src/shards/attach-dataset.js'];

/** A function found for an optional step, or why the step is skipped. */
export type Found<F> = { kind: 'found'; fn: F; module: string } | { kind: 'missing'; why: string };

async function find<F>(exportName: string, candidates: readonly string[], override: string | undefined): Promise<Found<F>> {
  const urls = override ? [pathToFileURL(isAbsolute(override) ? override : resolve(override)).href] : candidates.map((c) => new URL(c, import.meta.url).href);
  for (const url of urls) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(url)) as Record<string, unknown>;
    } catch (err) {
      // Only "no such module" means not available; a module that exists but fails to load is a bug to see.
      if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(new URL(url).pathname)) continue;
      throw err;
    }
    if (typeof mod[exportName] === 'function') return { kind: 'found', fn: mod[exportName] as F, module: new URL(url).pathname };
  }
  return { kind: 'missing', why: `not available: no ${exportName} in ${override ?? candidates.join(', ')}` };
}

/** The shards work's mergeShards, when this build has it (`override`: a module path to use instead). */
export function findMergeShards(override?: string): Promise<Found<MergeShards>> {
  return find<MergeShards>('mergeShards', MERGE_MODULES, override);
}

/** The attach work's attachDataset, when this build has it. */
export function findAttachDataset(override?: string): Promise<Found<AttachDataset>> {
  return find<AttachDataset>('attachDataset', ATTACH_MODULES, override);
}
