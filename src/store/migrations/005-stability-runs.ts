import type { Migration } from './migration.js';

/**
 * Token stability runs: how far a corpus's codes move when its audio is perturbed and re-encoded
 * (or decoded and re-encoded). A run is one (corpus, model, perturbation) and records the encoder
 * build (sha256) that re-encoded and the audios it had to skip; its per-audio, per-layer counts
 * are sums, so a corpus's figures are a GROUP BY over them and stay right when audios are deleted.
 * Tables of their own: DuckDB cannot replay ALTER TABLE … ADD COLUMN from its WAL.
 */
export const stabilityRuns: Migration = {
  version: 5,
  name: 'stability runs',
  statements: [
    `CREATE SEQUENCE stability_run_id_seq START 1`,
    `CREATE TABLE stability_runs (
  id UINTEGER PRIMARY KEY DEFAULT nextval('stability_run_id_seq'),
  corpus_id UINTEGER NOT NULL,
  model VARCHAR NOT NULL,
  model_sha256 VARCHAR NOT NULL,
  perturbation VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  audios_without_source UINTEGER NOT NULL,
  audios_source_missing UINTEGER NOT NULL,
  audios_other_encoder UINTEGER NOT NULL
)`,
    `CREATE TABLE stability_layers (
  run_id UINTEGER NOT NULL,
  audio_id UINTEGER NOT NULL,
  layer UTINYINT NOT NULL,
  frames UINTEGER NOT NULL,
  agreeing UINTEGER NOT NULL,
  edits UINTEGER NOT NULL,
  units UINTEGER NOT NULL,
  PRIMARY KEY (run_id, audio_id, layer)
)`,
  ],
};
