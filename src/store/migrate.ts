import { ErrorCode, TokenscopeError } from '../errors.js';
import { crashPoint } from './crash-points.js';
import type { Database } from './database.js';
import { hasMigrationMarker, removeMigrationMarker, writeMigrationMarker } from './migration-marker.js';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { toNumber } from './sql-helpers.js';

/** The newest migration recorded in the database; 0 for a database with no schema yet. Writes nothing. */
async function schemaVersion(db: Database): Promise<number> {
  const tables = await db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_migrations'");
  if (!toNumber(tables[0]?.['n'])) return 0;
  const rows = await db.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return toNumber(rows[0]?.['v']);
}

/**
 * Applies the migrations newer than the database's version; returns the versions applied.
 *
 * For a database file the migrations run between two checkpoints, under a marker file
 * (migration-marker.ts): before them the WAL is emptied into the file, after them their schema is
 * written into the file too, so no data is ever written while the WAL holds a schema change.
 * DuckDB 1.5 cannot replay some schema changes from a WAL; a process killed between the two
 * checkpoints leaves a WAL that holds only the migrations, which Database.open sets aside.
 */
export async function migrate(db: Database, all: readonly Migration[] = migrations): Promise<number[]> {
  const current = await schemaVersion(db);
  const latest = all.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new TokenscopeError(ErrorCode.INTERNAL, `database schema version ${current} is newer than this tokenscope (${latest}); upgrade tokenscope`);
  }
  const pending = all.filter((m) => m.version > current);
  const marked = db.durable && hasMigrationMarker(db.path);
  if (!pending.length && !marked) return [];
  if (db.durable) {
    await db.checkpoint();
    writeMigrationMarker(db.path, current);
  }
  const applied: number[] = [];
  try {
    if (current === 0) {
      await db.transaction((tx) =>
        tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`),
      );
    }
    for (const m of pending) {
      await db.transaction(async (tx) => {
        for (const sql of m.statements) await tx.query(sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
      });
      applied.push(m.version);
    }
  } finally {
    if (db.durable) {
      crashPoint('migrations-committed');
      await db.checkpoint();
      removeMigrationMarker(db.path);
    }
  }
  return applied;
}
