import { FRAME_RATE } from '../../src/domain/contract.js';
import { FRAMES_PER_AUDIO, GENERATOR_VERSION, PROFILE_A, PROFILE_B } from '../synthetic-corpus.js';
import type { CorpusProfile } from '../synthetic-corpus.js';

/** The two corpora every shard holds a slice of: reference (bench-a) and target (bench-b), as the foundation bench. */
export const SCALE_CORPORA: readonly { name: string; profile: CorpusProfile }[] = [
  { name: 'bench-a', profile: PROFILE_A },
  { name: 'bench-b', profile: PROFILE_B },
];

/** One shard of the simulation: which audios of each corpus it holds. */
export interface ShardPlan {
  /** 1-based, as `--shard i/n`. */
  shard: number;
  shards: number;
  /** Audios of each corpus in this shard (each FRAMES_PER_AUDIO frames: 10 minutes). */
  audiosPerCorpus: number;
  /** Index (in the corpus's generator) of this shard's first audio: shards hold disjoint audios, as `--shard i/n` gives each file to one shard. */
  firstAudio: number;
}

/** Audios of each corpus per shard for `hours` hours in `shards` shards (half the hours per corpus), rounded down; an error when that is 0. */
export function audiosPerCorpus(hours: number, shards: number): number {
  const n = Math.floor((hours * 3600 * FRAME_RATE) / FRAMES_PER_AUDIO / SCALE_CORPORA.length / shards);
  if (n < 1) throw new Error(`--hours ${hours} in ${shards} shards leaves no 10-minute audio per corpus and shard; give at least ${(SCALE_CORPORA.length * shards * FRAMES_PER_AUDIO) / FRAME_RATE / 3600} hours`);
  return n;
}

/** The plan of shard `shard` (1-based) of `shards`. */
export function shardPlan(hours: number, shards: number, shard: number): ShardPlan {
  const n = audiosPerCorpus(hours, shards);
  return { shard, shards, audiosPerCorpus: n, firstAudio: (shard - 1) * n };
}

/** Hours of audio a shard holds. */
export function shardHours(plan: ShardPlan): number {
  return (plan.audiosPerCorpus * SCALE_CORPORA.length * FRAMES_PER_AUDIO) / FRAME_RATE / 3600;
}

/** The description every shard gives its corpora (one text for all shards, so a merge finds them equal). */
export function corpusDescription(name: string): string {
  return `tokenscope scale simulation (generator v${GENERATOR_VERSION}): ${name}, 10-minute synthetic audios`;
}
