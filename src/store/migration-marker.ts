import { closeSync, fsyncSync, openSync, rmSync, existsSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * The file beside a database that says "migrations are running". It is written after a CHECKPOINT
 * and removed after the CHECKPOINT that follows the migrations, so while it exists the WAL holds
 * nothing but the migrations' own statements. DuckDB cannot replay some schema changes from its
 * WAL (ALTER TABLE … ADD COLUMN on a table with a nextval() default fails with "GetDefaultDatabase
 * with no default database set", DuckDB 1.5); with the marker there, such a WAL can be set aside
 * and the migrations run again, losing nothing that was ever acknowledged.
 */
export function migrationMarkerPath(dbPath: string): string {
  return `${dbPath}.migrating`;
}

/** Whether a migration marker exists beside `dbPath`. */
export function hasMigrationMarker(dbPath: string): boolean {
  return existsSync(migrationMarkerPath(dbPath));
}

function syncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes the marker and makes it durable (file and folder fsynced) before any migration runs. */
export function writeMigrationMarker(dbPath: string, fromVersion: number): void {
  const path = migrationMarkerPath(dbPath);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${JSON.stringify({ database: basename(dbPath), fromVersion, pid: process.pid, startedAt: new Date().toISOString() })}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncFolder(path);
}

/** Removes the marker durably, once the migrations are checkpointed into the database file. */
export function removeMigrationMarker(dbPath: string): void {
  const path = migrationMarkerPath(dbPath);
  rmSync(path, { force: true });
  syncFolder(path);
}
