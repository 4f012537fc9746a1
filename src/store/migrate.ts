import { ErrorCode, TokenscopeError } from '../errors.js';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { toNumber } from './sql-helpers.js';

/** Applies the migrations newer than the database's version; returns the versions applied. */
export async function migrate(db: Database, all: readonly Migration[] = migrations): Promise<number[]> {
  await db.transaction((tx) =>
    tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`),
  );
  const rows = await db.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  const current = toNumber(rows[0]?.['v']);
  const latest = all.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new TokenscopeError(ErrorCode.INTERNAL, `database schema version ${current} is newer than this tokenscope (${latest}); upgrade tokenscope`);
  }
  const applied: number[] = [];
  for (const m of all.filter((x) => x.version > current)) {
    await db.transaction(async (tx) => {
      for (const sql of m.statements) await tx.query(sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
    });
    applied.push(m.version);
  }
  return applied;
}
