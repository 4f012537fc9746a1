import type { Migration } from './migration.js';

/**
 * Stored detector comparisons: what was asked (spec) and the leaderboard (report), both JSON text,
 * so a run can be listed and reopened exactly as it was reported.
 */
export const evaluationRuns: Migration = {
  version: 3,
  name: 'evaluation runs',
  statements: [
    `CREATE SEQUENCE evaluation_run_id_seq START 1`,
    `CREATE TABLE evaluation_runs (
  id UINTEGER PRIMARY KEY DEFAULT nextval('evaluation_run_id_seq'),
  corpus_id UINTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  name VARCHAR,
  spec VARCHAR NOT NULL,
  report VARCHAR NOT NULL
)`,
  ],
};
