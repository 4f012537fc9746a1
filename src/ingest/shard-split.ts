import { createHash } from 'node:crypto';
import { invalidArgument } from '../errors.js';
import type { ListedFile } from './list-files.js';

/** One shard of a sharded ingest: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Most shards a split takes (one per ingest process; far beyond any cluster's GPU count). */
export const MAX_SHARDS = 65_536;

/** Checks a shard given as numbers (the API's input): integers, 1 ≤ index ≤ count ≤ MAX_SHARDS; INVALID_ARGUMENT naming it otherwise. */
export function checkShard(shard: Shard, argument = 'shard'): Shard {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS || !Number.isInteger(index) || index < 1 || index > count) {
    throw invalidArgument(`${argument} must be i/n with whole numbers 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (shards are numbered from 1); received ${index}/${count}`, { argument, index, count });
  }
  return shard;
}

/** Parses `i/n` (the CLI's --shard): shard i (1-based) of n; INVALID_ARGUMENT naming the text otherwise ("0/4", "5/4", "a/b"). */
export function parseShard(text: string, argument = '--shard'): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!m) throw invalidArgument(`${argument} must be i/n, shard i (1-based) of n, e.g. 2/8; received "${text.slice(0, 40)}"`, { argument, received: text.slice(0, 40) });
  return checkShard({ index: Number(m[1]), count: Number(m[2]) }, `${argument} "${text.trim()}"`);
}

/**
 * The shard (1-based) of `count` a file belongs to: the first 4 bytes of sha256(`relativePath`),
 * big-endian, mod `count`, plus 1. `relativePath` is the path relative to the folder given, with
 * '/' separators, so the split depends neither on the machine, nor on the listing order, nor on
 * where the folder is mounted.
 */
export function shardOf(relativePath: string, count: number): number {
  const digest = createHash('sha256').update(relativePath, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** The files of `files` that belong to `shard` (all of them when it is null), in their order. */
export function takeShard<F extends ListedFile>(files: readonly F[], shard: Shard | null): F[] {
  if (!shard) return [...files];
  return files.filter((f) => shardOf(f.relative, shard.count) === shard.index);
}

/** "shard 2/8: 13 of 100 files" (what a sharded ingest reports before it starts). */
export function describeShard(shard: Shard, taken: number, listed: number): string {
  return `shard ${shard.index}/${shard.count}: ${taken} of ${listed} ${listed === 1 ? 'file' : 'files'}`;
}
