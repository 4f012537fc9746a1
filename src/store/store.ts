import { AttachedDatasets } from './attached-datasets.js';
import { AudioRepository } from './audio-repository.js';
import { CorpusRepository } from './corpus-repository.js';
import { Database } from './database.js';
import { EvaluationRunRepository } from './evaluation-run-repository.js';
import type { DatabaseOptions } from './database.js';
import { checkIntegrity } from './integrity-check.js';
import type { IntegrityProblem } from './integrity-check.js';
import { migrate } from './migrate.js';
import { reclaimUnusedTail } from './reclaim-space.js';
import { StabilityRunRepository } from './stability-run-repository.js';
import { StatsRepository } from './stats-repository.js';
import { TokenRepository } from './token-repository.js';

/** The storage layer: the only part of tokenscope that knows SQL. */
export interface Store {
  readonly db: Database;
  readonly corpora: CorpusRepository;
  readonly audios: AudioRepository;
  readonly stats: StatsRepository;
  readonly tokens: TokenRepository;
  readonly evaluationRuns: EvaluationRunRepository;
  readonly stabilityRuns: StabilityRunRepository;
  /** Parquet datasets attached read-only (tokenscope attach); the repositories read their corpora in place. */
  readonly attached: AttachedDatasets;
  /** Checks the invariants of the stored data (whole audios, agreeing pre-aggregates, no orphans); [] when sound. */
  checkIntegrity(): Promise<IntegrityProblem[]>;
  /** Closes every connection; pending writes finish first. */
  close(): Promise<void>;
}

/**
 * Opens the database at `path` (or ':memory:'), applies pending migrations (checkpointed before
 * anything else is written), trims space left by writes a killed process never committed, and
 * builds the repositories.
 */
export async function openStore(path: string, options: DatabaseOptions = {}): Promise<Store> {
  let db = await Database.open(path, options);
  let attached: AttachedDatasets;
  try {
    await migrate(db);
    db = await reclaimUnusedTail(db, () => Database.open(path, options));
    attached = await AttachedDatasets.load(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    db,
    corpora: new CorpusRepository(db, attached),
    audios: new AudioRepository(db, attached),
    stats: new StatsRepository(db, attached),
    tokens: new TokenRepository(db, attached),
    evaluationRuns: new EvaluationRunRepository(db, attached),
    stabilityRuns: new StabilityRunRepository(db),
    attached,
    checkIntegrity: () => checkIntegrity(db),
    close: () => db.close(),
  };
}
