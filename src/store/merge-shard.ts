import { LAYER_COUNT } from '../domain/contract.js';
import type { Database, Transaction } from './database.js';
import { LAYER_COLUMNS, quoteIdentifier, toNumber } from './sql-helpers.js';

/**
 * The SQL of `tokenscope merge`: one shard (another tokenscope store, attached read-only under an
 * alias) copied into the store, inside the caller's transaction. Audios get new ids; their frames,
 * labels, file identities and per-audio pre-aggregates are copied as the shard holds them; the
 * corpus token counts are summed (no token is rescanned).
 */

/** Tables of the schema this module copies or deliberately leaves, so a test can tell when a migration adds one it does not know. */
export const MERGED_TABLES: readonly string[] = ['corpora', 'audios', 'audio_files', 'frames', 'labels', 'audio_layer_stats', 'audio_token_counts', 'corpus_token_counts', 'evaluation_runs'];
/**
 * Tables a merge leaves as they are in the target: its own schema history, and stability runs (a
 * run measures the audios of one store under one encoder build; a shard's run covers only its own
 * audios, so the merged store's runs are made again there with `tokenscope stability`), and the
 * registry of datasets the shard had attached (read in place there; attach them to the target).
 */
export const UNMERGED_TABLES: readonly string[] = ['schema_migrations', 'stability_layers', 'stability_runs', 'attached_corpora', 'attached_datasets', 'attached_files'];

const layers = LAYER_COLUMNS;
const AUDIO_COLUMNS = 'corpus_id, model, content_sha256, source_path, source_line, frame_count, text, metadata, ingested_at, source_kind, model_sha256, source_format, source_sample_rate, source_channels, source_samples';

/** The newest migration recorded in the database attached as `alias` (null: the store itself); null when it has no schema_migrations (not a tokenscope store). */
export async function attachedSchemaVersion(db: Database, alias: string | null): Promise<number | null> {
  const [t] = await db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = ${alias === null ? 'current_database()' : '?'} AND schema_name = 'main' AND table_name = 'schema_migrations'`, alias === null ? [] : [alias]);
  if (!toNumber(t?.['n'])) return null;
  const [r] = await db.query(`SELECT coalesce(max(version), 0) AS v FROM ${alias === null ? '' : `${quoteIdentifier(alias)}.`}schema_migrations`);
  return toNumber(r?.['v']);
}

/** The tables of the store's schema (main), by name. */
export async function storeTables(db: Database): Promise<string[]> {
  const rows = await db.query("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name");
  return rows.map((r) => String(r['table_name']));
}

/** An audio a shard holds that the store already holds with the same identity but other codes. */
export interface CodeConflict {
  corpus: string;
  model: string;
  contentSha256: string;
  shardAudioId: number;
  shardSourcePath: string;
  storeAudioId: number;
  storeSourcePath: string;
  /** What differs: the frame counts, or the first frame (0-based) and layer (1..16) whose tokens differ. */
  difference: { kind: 'frames'; shard: number; store: number } | { kind: 'token'; frame: number; layer: number; shard: number; store: number };
}

/** What one shard's merge stored. */
export interface MergedShardRows {
  /** Store corpus id of every corpus the shard holds (created when absent). */
  corpusIds: number[];
  /** Store audio id of every shard audio id (new, or the one already stored with that identity). */
  audioIds: Map<number, number>;
  audios: number;
  alreadyPresent: number;
  frames: number;
  labels: number;
}

/** An evaluation run of the shard, its JSON as text. */
export interface ShardRun {
  corpus: string;
  /** The id of the store's corpus of that name (mapShard created any the store lacked). */
  corpusId: number;
  /** Creation time as DuckDB prints a TIMESTAMP (microseconds kept). */
  createdAt: string;
  name: string | null;
  spec: string;
  report: string;
}

const temp = ['temp.shard_audios', 'temp.shard_fresh'];

/**
 * Maps the shard attached as `alias` onto the store inside `tx`: creates its corpora the store
 * lacks (with their descriptions and creation times), then lists its audios with the store audio
 * of the same identity (corpus name, model, content sha256), in the temp table shard_audios.
 * Returns the first such pair whose codes differ, or null. Call dropShardTables when done.
 */
export async function mapShard(tx: Transaction, alias: string): Promise<CodeConflict | null> {
  const s = quoteIdentifier(alias);
  await dropShardTables(tx);
  await tx.query(`INSERT INTO corpora (name, description, created_at) SELECT name, description, created_at FROM ${s}.corpora WHERE name NOT IN (SELECT name FROM corpora) ORDER BY id`);
  await tx.query(
    `CREATE TEMP TABLE shard_audios AS
     SELECT a.id AS shard_id, c.id AS corpus_id, c.name AS corpus, a.model, a.content_sha256, a.frame_count, a.source_path,
            e.id AS existing_id, e.frame_count AS existing_frames, e.source_path AS existing_path
     FROM ${s}.audios a JOIN ${s}.corpora sc ON sc.id = a.corpus_id JOIN corpora c ON c.name = sc.name
     LEFT JOIN audios e ON e.corpus_id = c.id AND e.model = a.model AND e.content_sha256 = a.content_sha256`,
  );
  const conflict = (r: Record<string, unknown>, difference: CodeConflict['difference']): CodeConflict => ({
    corpus: String(r['corpus']),
    model: String(r['model']),
    contentSha256: String(r['content_sha256']),
    shardAudioId: toNumber(r['shard_id']),
    shardSourcePath: String(r['source_path']),
    storeAudioId: toNumber(r['existing_id']),
    storeSourcePath: String(r['existing_path']),
    difference,
  });
  const [lengths] = await tx.query('SELECT * FROM shard_audios WHERE existing_id IS NOT NULL AND frame_count <> existing_frames ORDER BY shard_id LIMIT 1');
  if (lengths) return conflict(lengths, { kind: 'frames', shard: toNumber(lengths['frame_count']), store: toNumber(lengths['existing_frames']) });
  // Only audios both hold are compared, frame by frame: a merge of distinct audios reads no token here.
  const differs = layers.map((l) => `x.${l} <> y.${l}`).join(' OR ');
  const [token] = await tx.query(
    `SELECT d.*, x.frame, ${layers.map((l, i) => `x.${l} AS s${i + 1}, y.${l} AS t${i + 1}`).join(', ')}
     FROM shard_audios d JOIN ${s}.frames x ON x.audio_id = d.shard_id JOIN frames y ON y.audio_id = d.existing_id AND y.frame = x.frame
     WHERE d.existing_id IS NOT NULL AND (${differs}) ORDER BY d.shard_id, x.frame LIMIT 1`,
  );
  if (!token) return null;
  let layer = 1;
  while (layer < LAYER_COUNT && token[`s${layer}`] === token[`t${layer}`]) layer++;
  return conflict(token, { kind: 'token', frame: toNumber(token['frame']), layer, shard: toNumber(token[`s${layer}`]), store: toNumber(token[`t${layer}`]) });
}

/**
 * Stores, inside `tx` and after mapShard, every audio of the shard the store does not hold yet under
 * a new id, with its file identity, frames, labels and per-audio pre-aggregates as the shard holds
 * them; adds the shard's corpus token counts to the store's, less those of its audios the store
 * already held (so they are not counted twice). Audios already held are left as they are.
 */
export async function insertShard(tx: Transaction, alias: string): Promise<MergedShardRows> {
  const s = quoteIdentifier(alias);
  await tx.query(`CREATE TEMP TABLE shard_fresh AS SELECT shard_id, nextval('audio_id_seq') AS new_id FROM shard_audios WHERE existing_id IS NULL ORDER BY shard_id`);
  await tx.query(
    `INSERT INTO audios (id, ${AUDIO_COLUMNS})
     SELECT f.new_id, d.corpus_id, ${AUDIO_COLUMNS.split(', ').slice(1).map((c) => `a.${c}`).join(', ')}
     FROM ${s}.audios a JOIN shard_fresh f ON f.shard_id = a.id JOIN shard_audios d ON d.shard_id = a.id ORDER BY f.new_id`,
  );
  const copy = async (table: string, columns: string): Promise<number> => {
    const rows = await tx.query(`INSERT INTO ${quoteIdentifier(table)} SELECT f.new_id, ${columns} FROM ${s}.${quoteIdentifier(table)} x JOIN shard_fresh f ON f.shard_id = x.audio_id`);
    return toNumber(rows[0]?.['Count'] ?? 0);
  };
  await copy('audio_files', 'x.size_bytes, x.mtime_ms');
  const frames = await copy('frames', `x.frame, ${layers.map((l) => `x.${l}`).join(', ')}`);
  const labels = await copy('labels', 'x.start_seconds, x.end_seconds, x.label');
  await copy('audio_layer_stats', 'x.layer, x.token_count, x.token_sum, x.token_sum_sq, x.distinct_tokens, x.entropy_bits');
  await copy('audio_token_counts', 'x.layer, x.token, x.count');
  // Counts are sums, so the shard's corpus totals add to the store's as they are; audios the store
  // already held are taken out again from their own token counts (a few rows, only for those).
  await tx.query(
    `INSERT INTO corpus_token_counts
     SELECT corpus_id, model, layer, token, sum(n)::UBIGINT FROM (
       SELECT c.id AS corpus_id, k.model, k.layer, k.token, k.count::HUGEINT AS n
       FROM ${s}.corpus_token_counts k JOIN ${s}.corpora sc ON sc.id = k.corpus_id JOIN corpora c ON c.name = sc.name
       UNION ALL
       SELECT d.corpus_id, d.model, t.layer, t.token, -(t.count::HUGEINT)
       FROM ${s}.audio_token_counts t JOIN shard_audios d ON d.shard_id = t.audio_id WHERE d.existing_id IS NOT NULL)
     GROUP BY ALL HAVING sum(n) > 0
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  );
  const map = await tx.query('SELECT d.shard_id, coalesce(d.existing_id, f.new_id) AS id, d.existing_id IS NULL AS fresh FROM shard_audios d LEFT JOIN shard_fresh f USING (shard_id)');
  const corpora = await tx.query(`SELECT c.id FROM corpora c JOIN ${s}.corpora sc ON sc.name = c.name ORDER BY c.id`);
  const fresh = map.filter((r) => r['fresh'] === true).length;
  return {
    corpusIds: corpora.map((r) => toNumber(r['id'])),
    audioIds: new Map(map.map((r) => [toNumber(r['shard_id']), toNumber(r['id'])])),
    audios: fresh,
    alreadyPresent: map.length - fresh,
    frames,
    labels,
  };
}

/** The evaluation runs of the shard attached as `alias`, with their corpus names and the store's ids of those corpora, in id order (call after mapShard). */
export async function shardRuns(tx: Transaction, alias: string): Promise<ShardRun[]> {
  const s = quoteIdentifier(alias);
  const rows = await tx.query(`SELECT c.name AS corpus, t.id AS corpus_id, r.created_at::VARCHAR AS created_at, r.name, r.spec, r.report FROM ${s}.evaluation_runs r JOIN ${s}.corpora c ON c.id = r.corpus_id JOIN corpora t ON t.name = c.name ORDER BY r.id`);
  return rows.map((r) => ({ corpus: String(r['corpus']), corpusId: toNumber(r['corpus_id']), createdAt: String(r['created_at']), name: (r['name'] as string | null) ?? null, spec: String(r['spec']), report: String(r['report']) }));
}

/** Drops mapShard's and insertShard's temp tables. */
export async function dropShardTables(tx: Transaction): Promise<void> {
  for (const t of temp) await tx.query(`DROP TABLE IF EXISTS ${t}`);
}

/** Whether the database attached as `alias` holds an audio of identity (corpus name, model, content sha256): for naming the other shard of a conflict. */
export async function holdsAudio(db: Database, alias: string, corpus: string, model: string, contentSha256: string): Promise<boolean> {
  const s = quoteIdentifier(alias);
  const rows = await db.query(`SELECT 1 FROM ${s}.audios a JOIN ${s}.corpora c ON c.id = a.corpus_id WHERE c.name = ? AND a.model = ? AND a.content_sha256 = ? LIMIT 1`, [corpus, model, contentSha256]);
  return rows.length > 0;
}
