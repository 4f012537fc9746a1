import type { Migration } from './migration.js';

/**
 * The registry of attached Parquet datasets (tokenscope attach): read in place, never copied.
 * A dataset holds a slot (0..127) that places its corpus and audio ids above the native ones
 * (attached-ids.ts); its files are listed with the size and modification time they had when
 * attached, so a read can tell that one changed. New tables, not columns on existing ones:
 * DuckDB cannot replay ALTER TABLE … ADD COLUMN from its WAL.
 */
export const attachedDatasets: Migration = {
  version: 6,
  name: 'attached datasets',
  statements: [
    `CREATE TABLE attached_datasets (
  slot UTINYINT PRIMARY KEY,
  name VARCHAR NOT NULL UNIQUE,
  path VARCHAR NOT NULL,
  manifest_sha256 VARCHAR NOT NULL,
  attached_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`,
    `CREATE TABLE attached_corpora (
  corpus_id UINTEGER PRIMARY KEY,
  slot UTINYINT NOT NULL,
  corpus VARCHAR NOT NULL,
  description VARCHAR,
  created_at TIMESTAMP NOT NULL
)`,
    `CREATE TABLE attached_files (
  slot UTINYINT NOT NULL,
  table_name VARCHAR NOT NULL,
  corpus VARCHAR NOT NULL,
  path VARCHAR NOT NULL,
  size_bytes UBIGINT NOT NULL,
  mtime_ms DOUBLE NOT NULL
)`,
  ],
};
