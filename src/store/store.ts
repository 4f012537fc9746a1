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
  try {
    await migrate(db);
    db = await reclaimUnusedTail(db, () => Database.open(path, options));
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    db,
    corpora: new CorpusRepository(db),
    audios: new AudioRepository(db),
    stats: new StatsRepository(db),
    tokens: new TokenRepository(db),
    evaluationRuns: new EvaluationRunRepository(db),
    stabilityRuns: new StabilityRunRepository(db),
    checkIntegrity: () => checkIntegrity(db),
    close: () => db.close(),
  };
}
