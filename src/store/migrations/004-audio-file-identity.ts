import type { Migration } from './migration.js';

/**
 * The identity of the file an audio was encoded from, as it was at ingest: its size and
 * modification time, so the media route can tell cheaply that the file at the stored path is still
 * that file (and hash it against audios.content_sha256 only when they differ). A table of its own,
 * not columns added to `audios`: DuckDB cannot replay ALTER TABLE … ADD COLUMN from its WAL.
 */
export const audioFileIdentity: Migration = {
  version: 4,
  name: 'audio file identity',
  statements: [
    `CREATE TABLE audio_files (
  audio_id UINTEGER PRIMARY KEY,
  size_bytes UBIGINT NOT NULL,
  mtime_ms DOUBLE NOT NULL
)`,
  ],
};
