import type { Database, Transaction } from './database.js';

/** What one write transaction changed, as far as cached reads care. */
export interface DataChange {
  /** Corpora whose audios, codes, labels or evaluation runs changed. */
  corpusIds?: readonly number[];
  /** The set of corpora changed (one created or deleted). */
  catalog?: boolean;
  /** Audios were deleted (their rows, codes and aggregates are gone). */
  audiosDeleted?: boolean;
}

/**
 * Data versions of one open database: counters that change whenever what a cached read depends on
 * changes. They live in memory and start at 0 when the file is opened, which is sound because the
 * process holding a DuckDB file read-write is its only writer (DuckDB locks the file), so every
 * change is a write of this process and bumps them, and a cache in this process starts empty.
 * A change is bumped when its transaction has settled (committed or rolled back): a read keyed
 * by the new version always starts after the commit and so sees the data.
 */
export class DataVersions {
  private readonly corpora = new Map<number, number>();
  private catalogVersion = 0;
  private deletionVersion = 0;
  private generationVersion = 0;

  /** Version of a corpus's audios, codes, labels and evaluation runs. */
  corpus(corpusId: number): number {
    return this.corpora.get(corpusId) ?? 0;
  }

  /** Version of the set of corpora (names, ids, descriptions). */
  get catalog(): number {
    return this.catalogVersion;
  }

  /** Changes each time audios are deleted; audio rows and their aggregates never change otherwise. */
  get deletions(): number {
    return this.deletionVersion;
  }

  /** Changes on every recorded change, whatever it touched. */
  get generation(): number {
    return this.generationVersion;
  }

  /** Records a settled change. */
  bump(change: DataChange): void {
    this.generationVersion++;
    for (const id of new Set(change.corpusIds ?? [])) this.corpora.set(id, this.corpus(id) + 1);
    if (change.catalog) this.catalogVersion++;
    if (change.audiosDeleted) this.deletionVersion++;
  }
}

const versionsByDatabase = new WeakMap<Database, DataVersions>();

/** The data versions of `db` (one per open database handle). */
export function dataVersions(db: Database): DataVersions {
  let versions = versionsByDatabase.get(db);
  if (!versions) {
    versions = new DataVersions();
    versionsByDatabase.set(db, versions);
  }
  return versions;
}

/** Changes recorded by transactions that versionedTransaction runs, until they settle. */
const pending = new WeakMap<Transaction, Required<DataChange> & { corpusIds: number[] }>();

/**
 * Records, inside `tx`, that it changes what `change` names. The change is bumped when the
 * transaction settles if it runs under versionedTransaction; a plain db.transaction (tests, the
 * benchmark's corpus build, no cache in play) records nothing.
 */
export function recordChange(tx: Transaction, change: DataChange): void {
  const p = pending.get(tx);
  if (!p) return;
  p.corpusIds.push(...(change.corpusIds ?? []));
  p.catalog ||= change.catalog ?? false;
  p.audiosDeleted ||= change.audiosDeleted ?? false;
}

/**
 * Runs `work` in one write transaction of `db` (all or nothing) and, once it has settled, bumps the
 * data versions it recorded (recordChange): every write path of the store goes through here.
 */
export async function versionedTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const change = { corpusIds: [] as number[], catalog: false, audiosDeleted: false };
  try {
    return await db.transaction((tx) => {
      pending.set(tx, change);
      return work(tx);
    });
  } finally {
    // Bumped after a rollback too: a needless cache miss at worst.
    if (change.corpusIds.length || change.catalog || change.audiosDeleted) dataVersions(db).bump(change);
  }
}
