import type { Migration } from './migration.js';

/**
 * Audio files as sources: what the file was (format, rate, channels, exact duration), the sha256 of
 * the model that encoded it, and the labels imported with it (Audacity label tracks).
 */
export const audioSourcesAndLabels: Migration = {
  version: 2,
  name: 'audio sources and labels',
  statements: [
    `ALTER TABLE audios ADD COLUMN source_kind VARCHAR DEFAULT 'codes'`,
    `ALTER TABLE audios ADD COLUMN model_sha256 VARCHAR`,
    `ALTER TABLE audios ADD COLUMN source_format VARCHAR`,
    `ALTER TABLE audios ADD COLUMN source_sample_rate UINTEGER`,
    `ALTER TABLE audios ADD COLUMN source_channels UTINYINT`,
    `ALTER TABLE audios ADD COLUMN source_samples UBIGINT`,
    `CREATE TABLE labels (
  audio_id UINTEGER NOT NULL,
  start_seconds DOUBLE NOT NULL,
  end_seconds DOUBLE NOT NULL,
  label VARCHAR NOT NULL
)`,
  ],
};
