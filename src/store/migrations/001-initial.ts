import { LAYER_COUNT } from '../../domain/contract.js';
import type { Migration } from './migration.js';

const layerColumns = Array.from({ length: LAYER_COUNT }, (_, i) => `l${i + 1} USMALLINT NOT NULL`).join(',\n  ');

/**
 * The first schema. `frames` is wide (one row per frame, one column per layer): compact, fast to
 * window, and per-layer aggregates scan one column. Pre-aggregates are counts and sums only, so
 * they merge across shards (DESIGN.md, "Beyond one machine").
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  statements: [
    `CREATE SEQUENCE corpus_id_seq START 1`,
    `CREATE TABLE corpora (
  id UINTEGER PRIMARY KEY DEFAULT nextval('corpus_id_seq'),
  name VARCHAR NOT NULL UNIQUE,
  description VARCHAR,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`,
    `CREATE SEQUENCE audio_id_seq START 1`,
    `CREATE TABLE audios (
  id UINTEGER PRIMARY KEY DEFAULT nextval('audio_id_seq'),
  corpus_id UINTEGER NOT NULL,
  model VARCHAR NOT NULL,
  content_sha256 VARCHAR NOT NULL,
  source_path VARCHAR NOT NULL,
  source_line INTEGER,
  frame_count UINTEGER NOT NULL,
  text VARCHAR,
  metadata VARCHAR NOT NULL DEFAULT '{}',
  ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  UNIQUE (corpus_id, model, content_sha256)
)`,
    `CREATE TABLE frames (
  audio_id UINTEGER NOT NULL,
  frame UINTEGER NOT NULL,
  ${layerColumns}
)`,
    `CREATE TABLE audio_layer_stats (
  audio_id UINTEGER NOT NULL,
  layer UTINYINT NOT NULL,
  token_count UBIGINT NOT NULL,
  token_sum UBIGINT NOT NULL,
  token_sum_sq UBIGINT NOT NULL,
  distinct_tokens USMALLINT NOT NULL,
  entropy_bits DOUBLE NOT NULL,
  PRIMARY KEY (audio_id, layer)
)`,
    `CREATE TABLE audio_token_counts (
  audio_id UINTEGER NOT NULL,
  layer UTINYINT NOT NULL,
  token USMALLINT NOT NULL,
  count UINTEGER NOT NULL
)`,
    `CREATE TABLE corpus_token_counts (
  corpus_id UINTEGER NOT NULL,
  model VARCHAR NOT NULL,
  layer UTINYINT NOT NULL,
  token USMALLINT NOT NULL,
  count UBIGINT NOT NULL,
  PRIMARY KEY (corpus_id, model, layer, token)
)`,
  ],
};
