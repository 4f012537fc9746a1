import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { clip } from '../jsutils/excerpt.js';
import { remapRunReport } from '../store/remap-run.js';
import { crashPoint } from '../store/crash-points.js';
import { recordChange, versionedTransaction } from '../store/data-versions.js';
import { attachedSchemaVersion, dropShardTables, holdsAudio, insertShard, mapShard, shardRuns } from '../store/merge-shard.js';
import type { CodeConflict } from '../store/merge-shard.js';
import { insertRunOnce } from '../store/parquet-dataset.js';
import type { Store } from '../store/store.js';

/** What one shard's merge stored, and how long it took. */
export interface ShardMerge {
  /** The shard file (absolute). */
  path: string;
  /** Audios stored under new ids. */
  audios: number;
  /** Audios of the shard the target already held with the same identity and the same codes: left as they were. */
  alreadyPresent: number;
  frames: number;
  labels: number;
  /** Evaluation runs stored (one the corpus already holds, same time, name, spec and report, is not stored twice). */
  evaluationRuns: number;
  /** Wall time of the shard's attach, checks, transaction and detach, seconds. */
  seconds: number;
}

/** What mergeShards did: one entry per shard, in the order given. */
export interface MergeReport {
  shards: ShardMerge[];
  /** Wall time of the whole merge, seconds. */
  seconds: number;
}

const shown = (path: string) => clip(path, 300);

/** The schema version of the store (its newest migration). */
async function targetVersion(store: Store): Promise<number> {
  return (await attachedSchemaVersion(store.db, null)) ?? 0;
}

function conflictError(shard: string, other: string, c: CodeConflict): TokenscopeError {
  const what =
    c.difference.kind === 'frames'
      ? `${c.difference.shard} frames in ${shown(shard)}, ${c.difference.store} in ${other}`
      : `frame ${c.difference.frame} (0-based), layer ${c.difference.layer}: token ${c.difference.shard} in ${shown(shard)}, ${c.difference.store} in ${other}`;
  return new TokenscopeError(
    ErrorCode.SHARD_CONFLICT,
    `shard ${shown(shard)} and ${other} hold the same audio (corpus ${c.corpus}, model ${c.model}, content sha256 ${c.contentSha256}; ${shown(c.shardSourcePath)} there, ${shown(c.storeSourcePath)} here) with other codes (${what}); nothing of ${shown(shard)} was stored, the shards before it stay merged. Were they encoded by different model files? Ingest that file again in one of them, or leave one shard out`,
    { shard: shown(shard), other, corpus: c.corpus, model: c.model, contentSha256: c.contentSha256, difference: c.difference },
  );
}

/** Names where the store's copy of a conflicting audio came from: an earlier shard of this merge that holds it, else the target itself. */
async function nameOther(store: Store, earlier: readonly string[], c: CodeConflict, n: number): Promise<string> {
  for (const [i, path] of earlier.entries()) {
    const alias = `shard_probe_${n}_${i}`;
    await store.db.attachReadOnly(path, alias);
    try {
      if (await holdsAudio(store.db, alias, c.corpus, c.model, c.contentSha256)) return `shard ${shown(path)}`;
    } finally {
      await store.db.detach(alias);
    }
  }
  return `the target store ${shown(store.db.path)} (audio ${c.storeAudioId}, stored there before this merge)`;
}

let merges = 0;

/** Thrown inside a shard's transaction to roll it back when mapShard finds a conflict. */
class ConflictFound extends Error {
  constructor(readonly conflict: CodeConflict) {
    super('shard conflict');
  }
}

/**
 * Merges tokenscope stores written by separate ingest processes (`--shard i/n`) into `target`, one
 * shard at a time, each attached read-only and copied in one transaction: a kill mid-merge leaves
 * every shard wholly in or wholly out, and merging again finishes the rest (audios already held are
 * left as they are, so nothing is stored twice). Audios get new ids; frames, labels, file
 * identities and per-audio pre-aggregates are copied, corpus token counts summed (no token is
 * rescanned); evaluation runs are carried with their audio references moved to the new ids.
 * INVALID_ARGUMENT for no shard, the target itself, a repeated shard, a file that is not a
 * tokenscope store or one at another schema version (naming both); UNREADABLE_FILE for a missing
 * file; DATABASE_BUSY when another process holds a shard; SHARD_CONFLICT for one audio with two
 * different code matrices.
 */
export async function mergeShards(paths: readonly string[], target: Store): Promise<MergeReport> {
  const started = performance.now();
  if (!paths.length) throw invalidArgument('merge needs at least one shard (a tokenscope .duckdb store); received none', { argument: 'shards' });
  const files = paths.map((p) => resolve(p));
  const seen = new Set<string>();
  for (const [i, file] of files.entries()) {
    if (target.db.durable && file === resolve(target.db.path)) throw invalidArgument(`shard ${shown(paths[i]!)} is the target store itself; name the shards to merge into it`, { argument: 'shards', path: shown(file) });
    if (seen.has(file)) throw invalidArgument(`shard ${shown(paths[i]!)} is named twice`, { argument: 'shards', path: shown(file) });
    seen.add(file);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `shard ${shown(paths[i]!)}: no such file (a shard is the .duckdb file of an ingest's --db)`, { path: shown(file) });
  }
  const version = await targetVersion(target);
  const shards: ShardMerge[] = [];
  for (const [i, file] of files.entries()) {
    const t0 = performance.now();
    const alias = `shard_${++merges}`;
    await target.db.attachReadOnly(file, alias);
    try {
      const shardVersion = await attachedSchemaVersion(target.db, alias);
      if (shardVersion === null) throw invalidArgument(`shard ${shown(file)} is not a tokenscope store (it has no schema_migrations table)`, { argument: 'shards', path: shown(file) });
      if (shardVersion !== version) {
        throw invalidArgument(
          `shard ${shown(file)} is at schema version ${shardVersion}, the target ${shown(target.db.path)} at ${version}; a merge copies tables as one schema version lays them out: open the ${shardVersion < version ? 'shard' : 'target'} once with this tokenscope (e.g. \`tokenscope check --db ${basename(shardVersion < version ? file : target.db.path)}\`) to migrate it, then merge again`,
          { argument: 'shards', path: shown(file), shardVersion, targetVersion: version },
        );
      }
      let merged;
      try {
        merged = await versionedTransaction(target.db, async (tx) => {
          const conflict = await mapShard(tx, alias);
          if (conflict) throw new ConflictFound(conflict); // rolls back the corpora mapShard created
          const rows = await insertShard(tx, alias);
          let runs = 0;
          for (const run of await shardRuns(tx, alias)) {
            const report = JSON.stringify(remapRunReport(JSON.parse(run.report) as Record<string, unknown>, rows.audioIds));
            if (await insertRunOnce(tx, run.corpusId, { createdAt: run.createdAt, name: run.name, spec: run.spec, report })) runs++;
          }
          await dropShardTables(tx);
          recordChange(tx, { corpusIds: rows.corpusIds, catalog: true });
          crashPoint('merge-before-commit');
          return { ...rows, runs };
        });
      } catch (err) {
        // The other holder is looked up after the rollback: attaching waits for the write connection.
        if (err instanceof ConflictFound) throw conflictError(file, await nameOther(target, files.slice(0, i), err.conflict, merges), err.conflict);
        throw err;
      }
      shards.push({ path: file, audios: merged.audios, alreadyPresent: merged.alreadyPresent, frames: merged.frames, labels: merged.labels, evaluationRuns: merged.runs, seconds: (performance.now() - t0) / 1000 });
    } finally {
      await target.db.detach(alias);
    }
  }
  return { shards, seconds: (performance.now() - started) / 1000 };
}
