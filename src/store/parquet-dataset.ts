import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import type { Database, SqlRow, Transaction } from './database.js';
import { escapeGlob, LAYER_COLUMNS, layerColumn, quoteIdentifier, stringLiteral as literal, toNumber } from './sql-helpers.js';
import { parquetRowGroupSizes } from './parquet-codes.js';

/** One column of a dataset table: its name and DuckDB type (as parquet_schema reports it). */
export interface DatasetColumn {
  readonly name: string;
  readonly type: string;
}

/** One table of a tokenscope Parquet dataset: its folder name, Hive partition columns and columns. */
export interface DatasetTable {
  readonly name: DatasetTableName;
  /** Partition columns, outermost first; they are also written inside every file. */
  readonly partitionBy: readonly string[];
  readonly columns: readonly DatasetColumn[];
}

/** The tables of a dataset, in the order they are written and imported. */
export type DatasetTableName = 'corpora' | 'audios' | 'frames' | 'labels' | 'audio_layer_stats' | 'audio_token_counts' | 'corpus_token_counts' | 'evaluation_runs';

const c = (name: string, type: string): DatasetColumn => ({ name, type });
const layers = Array.from({ length: LAYER_COUNT }, (_, i) => c(`l${i + 1}`, 'USMALLINT'));
const audioPart = [c('corpus', 'VARCHAR'), c('model', 'VARCHAR')];

/** The layout of every table (the manifest's `tables`; docs/datasets.md says what each column means). */
export const DATASET_TABLES: readonly DatasetTable[] = [
  { name: 'corpora', partitionBy: ['corpus'], columns: [c('corpus', 'VARCHAR'), c('description', 'VARCHAR'), c('created_at', 'TIMESTAMP')] },
  {
    name: 'audios',
    partitionBy: ['corpus', 'model'],
    columns: [
      ...audioPart,
      c('audio_key', 'UINTEGER'),
      c('content_sha256', 'VARCHAR'),
      c('source_path', 'VARCHAR'),
      c('source_line', 'INTEGER'),
      c('frame_count', 'UINTEGER'),
      c('text', 'VARCHAR'),
      c('metadata', 'VARCHAR'),
      c('ingested_at', 'TIMESTAMP'),
      c('source_kind', 'VARCHAR'),
      c('model_sha256', 'VARCHAR'),
      c('source_format', 'VARCHAR'),
      c('source_sample_rate', 'UINTEGER'),
      c('source_channels', 'UTINYINT'),
      c('source_samples', 'UBIGINT'),
      c('file_size_bytes', 'UBIGINT'),
      c('file_mtime_ms', 'DOUBLE'),
    ],
  },
  { name: 'frames', partitionBy: ['corpus', 'model'], columns: [...audioPart, c('audio_key', 'UINTEGER'), c('frame', 'UINTEGER'), ...layers] },
  { name: 'labels', partitionBy: ['corpus', 'model'], columns: [...audioPart, c('audio_key', 'UINTEGER'), c('start_seconds', 'DOUBLE'), c('end_seconds', 'DOUBLE'), c('label', 'VARCHAR')] },
  {
    name: 'audio_layer_stats',
    partitionBy: ['corpus', 'model'],
    columns: [
      ...audioPart,
      c('audio_key', 'UINTEGER'),
      c('layer', 'UTINYINT'),
      c('token_count', 'UBIGINT'),
      c('token_sum', 'UBIGINT'),
      c('token_sum_sq', 'UBIGINT'),
      c('distinct_tokens', 'USMALLINT'),
      c('entropy_bits', 'DOUBLE'),
    ],
  },
  { name: 'audio_token_counts', partitionBy: ['corpus', 'model'], columns: [...audioPart, c('audio_key', 'UINTEGER'), c('layer', 'UTINYINT'), c('token', 'USMALLINT'), c('count', 'UINTEGER')] },
  { name: 'corpus_token_counts', partitionBy: ['corpus', 'model'], columns: [...audioPart, c('layer', 'UTINYINT'), c('token', 'USMALLINT'), c('count', 'UBIGINT')] },
  { name: 'evaluation_runs', partitionBy: ['corpus'], columns: [c('corpus', 'VARCHAR'), c('run_key', 'UINTEGER'), c('created_at', 'TIMESTAMP'), c('name', 'VARCHAR'), c('spec', 'VARCHAR'), c('report', 'VARCHAR')] },
];

/** Corpus ids as an SQL list (integers only, checked). */
function idList(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isInteger(id) || id < 0) throw new RangeError(`corpus id ${id} is not a non-negative integer`);
  return `[${ids.join(', ')}]`;
}

const layerList = LAYER_COLUMNS.join(', ');

/** The query that yields table `name` for corpora `ids`, its columns in DATASET_TABLES order. */
function exportQuery(name: DatasetTableName, ids: string): string {
  switch (name) {
    case 'corpora':
      return `SELECT name AS corpus, description, created_at FROM corpora WHERE list_contains(${ids}, id) ORDER BY name`;
    case 'audios':
      return `SELECT c.name AS corpus, a.model, a.id AS audio_key, a.content_sha256, a.source_path, a.source_line, a.frame_count, a.text, a.metadata,
                     a.ingested_at, a.source_kind, a.model_sha256, a.source_format, a.source_sample_rate, a.source_channels, a.source_samples,
                     f.size_bytes AS file_size_bytes, f.mtime_ms AS file_mtime_ms
              FROM audios a JOIN corpora c ON c.id = a.corpus_id LEFT JOIN audio_files f ON f.audio_id = a.id
              WHERE list_contains(${ids}, a.corpus_id) ORDER BY a.id`;
    case 'frames':
      // No ORDER BY: a sort of every frame would hold them all in memory; (audio_key, frame) say where each row goes.
      return `SELECT c.name AS corpus, a.model, x.audio_id AS audio_key, x.frame, ${Array.from({ length: LAYER_COUNT }, (_, i) => `x.${layerColumn(i + 1)}`).join(', ')}
              FROM frames x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(${ids}, a.corpus_id)`;
    case 'labels':
      return `SELECT c.name AS corpus, a.model, x.audio_id AS audio_key, x.start_seconds, x.end_seconds, x.label
              FROM labels x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(${ids}, a.corpus_id)
              ORDER BY x.audio_id, x.start_seconds, x.end_seconds, x.label`;
    case 'audio_layer_stats':
      return `SELECT c.name AS corpus, a.model, x.audio_id AS audio_key, x.layer, x.token_count, x.token_sum, x.token_sum_sq, x.distinct_tokens, x.entropy_bits
              FROM audio_layer_stats x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(${ids}, a.corpus_id)`;
    case 'audio_token_counts':
      return `SELECT c.name AS corpus, a.model, x.audio_id AS audio_key, x.layer, x.token, x.count
              FROM audio_token_counts x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(${ids}, a.corpus_id)`;
    case 'corpus_token_counts':
      return `SELECT c.name AS corpus, x.model, x.layer, x.token, x.count FROM corpus_token_counts x JOIN corpora c ON c.id = x.corpus_id
              WHERE list_contains(${ids}, x.corpus_id) ORDER BY c.name, x.model, x.layer, x.token`;
    case 'evaluation_runs':
      return `SELECT c.name AS corpus, r.id AS run_key, r.created_at, r.name, r.spec, r.report FROM evaluation_runs r JOIN corpora c ON c.id = r.corpus_id
              WHERE list_contains(${ids}, r.corpus_id) ORDER BY r.id`;
  }
}

/** Rows written per table. */
export type TableRowCounts = Record<DatasetTableName, number>;

/**
 * Writes every table of corpora `corpusIds` under `dir` (which exists) as Hive-partitioned Parquet
 * (`dir/<table>/corpus=…/[model=…/]part-<i>.parquet`, snappy: what every Parquet reader decodes), with DuckDB's COPY, which streams:
 * memory does not grow with the corpus. All tables are read in one transaction of the write
 * connection, so they agree with each other even while others write (their writes wait).
 */
export async function copyDatasetTables(db: Database, corpusIds: readonly number[], dir: string): Promise<TableRowCounts> {
  const ids = idList(corpusIds);
  return db.transaction(async (tx) => {
    const counts = {} as TableRowCounts;
    for (const table of DATASET_TABLES) {
      const target = `${dir}/${table.name}`;
      const rows = await tx.query(
        `COPY (${exportQuery(table.name, ids)}) TO ${literal(target)}
         (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (${table.partitionBy.map(quoteIdentifier).join(', ')}), WRITE_PARTITION_COLUMNS true, FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE true)`,
      );
      counts[table.name] = toNumber(rows[0]?.['Count'] ?? 0);
    }
    return counts;
  });
}

/**
 * The codes of corpora `corpusIds` in the layout the public code sets use (one row per audio, a
 * nested SMALLINT list [layers][frames]) written to `dir/codes`: measured against the wide frame
 * table for the layout choice (docs/datasets.md); not part of a dataset.
 */
export async function copyNestedCodes(db: Database, corpusIds: readonly number[], dir: string): Promise<number> {
  const ids = idList(corpusIds);
  const lists = Array.from({ length: LAYER_COUNT }, (_, i) => `list(${layerColumn(i + 1)}::SMALLINT ORDER BY x.frame)`).join(', ');
  const rows = await db.query(
    `COPY (SELECT c.name AS corpus, a.model, x.audio_id AS audio_key, [${lists}] AS codes
           FROM frames x JOIN audios a ON a.id = x.audio_id JOIN corpora c ON c.id = a.corpus_id WHERE list_contains(${ids}, a.corpus_id)
           GROUP BY c.name, a.model, x.audio_id)
     TO ${literal(`${dir}/codes`)} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (corpus, model), WRITE_PARTITION_COLUMNS true, FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE true)`,
  );
  return toNumber(rows[0]?.['Count'] ?? 0);
}

/** The read_parquet call over every file of a table folder (files carry their partition columns). */
function tableScan(dir: string, table: DatasetTableName): string {
  return `read_parquet(${literal(`${escapeGlob(dir)}/${table}/**/*.parquet`)}, hive_partitioning = false, filename = true, file_row_number = true)`;
}

/** One column as one file holds it. */
export interface FileColumn {
  file: string;
  name: string;
  type: string | null;
}

/** The top-level columns of every Parquet file under `dir/<table>/`, with their DuckDB types; [] when there is none. */
export async function fileColumns(db: Database, dir: string, table: DatasetTableName): Promise<FileColumn[]> {
  // Nested columns' parts (list, element) have no DuckDB type of their own and no parent field here: keep the top level only.
  const rows = await db.query(
    `SELECT file_name, name, duckdb_type, num_children FROM parquet_schema(${literal(`${escapeGlob(dir)}/${table}/**/*.parquet`)})`,
  ).catch((err: unknown) => {
    if (/No files found/i.test((err as Error).message)) return [] as SqlRow[];
    throw err;
  });
  const out: FileColumn[] = [];
  const skip = new Map<string, number>();
  for (const r of rows) {
    const file = String(r['file_name']);
    const name = String(r['name']);
    if (name === 'duckdb_schema' && r['duckdb_type'] === null) continue;
    const pending = skip.get(file) ?? 0;
    if (pending > 0) {
      skip.set(file, pending - 1 + toNumber(r['num_children']));
      continue;
    }
    skip.set(file, toNumber(r['num_children']));
    out.push({ file, name, type: (r['duckdb_type'] as string | null) ?? (r['num_children'] ? 'NESTED' : null) });
  }
  return out;
}

/** Where a row lies: its file, row group and row (0-based, within the file). */
export interface RowPlace {
  file: string;
  rowGroup: number;
  row: number;
}

async function placeOf(db: Database, file: string, row: number): Promise<RowPlace> {
  const sizes = await parquetRowGroupSizes(db, file);
  let first = 0;
  for (let group = 0; group < sizes.length; group++) {
    if (row < first + sizes[group]!) return { file, rowGroup: group, row };
    first += sizes[group]!;
  }
  return { file, rowGroup: Math.max(0, sizes.length - 1), row };
}

/** A frame row whose token is outside 0..2047 or missing. */
export interface BadToken extends RowPlace {
  audioKey: number;
  frame: number;
  layer: number;
  value: number | null;
}

/** The first frame row of the dataset at `dir` with a token out of range (or none), or null. */
export async function firstBadToken(db: Database, dir: string): Promise<BadToken | null> {
  const cond = Array.from({ length: LAYER_COUNT }, (_, i) => `${layerColumn(i + 1)} IS NULL OR ${layerColumn(i + 1)} >= ${CODEBOOK_SIZE}`).join(' OR ');
  const [r] = await db.query(`SELECT filename, file_row_number, audio_key, frame, ${layerList} FROM ${tableScan(dir, 'frames')} WHERE ${cond} LIMIT 1`);
  if (!r) return null;
  let layer = 1;
  for (; layer <= LAYER_COUNT; layer++) {
    const v = r[`l${layer}`];
    if (v === null || toNumber(v) >= CODEBOOK_SIZE) break;
  }
  const value = r[`l${layer}`];
  return { ...(await placeOf(db, String(r['filename']), toNumber(r['file_row_number']))), audioKey: toNumber(r['audio_key']), frame: toNumber(r['frame']), layer, value: value === null ? null : toNumber(value) };
}

/** An audio whose rows in one table do not fit its audios row (too few or too many, repeated, or a key no audio has). */
export interface RaggedAudio extends RowPlace {
  table: DatasetTableName;
  audioKey: number;
  /** What the audios row says (frame_count, or 16 layers); null when no audio has the key. */
  expected: number | null;
  /** Rows found, distinct positions (frames or layers) and the largest position. */
  rows: number;
  distinct: number;
  last: number;
}

/**
 * The first audio of the dataset at `dir` whose frames are not exactly 0..frame_count−1 once
 * each, or whose layer statistics are not layers 1..16 once each counting frame_count tokens,
 * or a frame, label or statistics row whose audio_key no audio has; null when every audio fits.
 */
export async function firstRaggedAudio(db: Database, dir: string, tables: ReadonlySet<DatasetTableName>): Promise<RaggedAudio | null> {
  const audios = tableScan(dir, 'audios');
  const checks: { table: DatasetTableName; sql: string }[] = [];
  if (tables.has('frames')) {
    checks.push({
      table: 'frames',
      sql: `SELECT g.*, a.frame_count AS expected FROM (SELECT audio_key, count(*) AS n, count(DISTINCT frame) AS d, max(frame) AS last, min(filename) AS file, min(file_row_number) AS row FROM ${tableScan(dir, 'frames')} GROUP BY audio_key) g
            FULL JOIN (SELECT audio_key, frame_count FROM ${audios}) a USING (audio_key)
            WHERE a.frame_count IS NULL OR coalesce(g.n, 0) <> a.frame_count OR g.d <> g.n OR g.last <> a.frame_count - 1 LIMIT 1`,
    });
  }
  if (tables.has('audio_layer_stats')) {
    checks.push({
      table: 'audio_layer_stats',
      sql: `SELECT g.*, ${LAYER_COUNT} AS expected, a.frame_count IS NULL AS unknown FROM (SELECT audio_key, count(*) AS n, count(DISTINCT layer) AS d, max(layer) AS last, min(token_count) AS lo, max(token_count) AS hi, min(filename) AS file, min(file_row_number) AS row FROM ${tableScan(dir, 'audio_layer_stats')} GROUP BY audio_key) g
            FULL JOIN (SELECT audio_key, frame_count FROM ${audios}) a USING (audio_key)
            WHERE a.frame_count IS NULL OR coalesce(g.n, 0) <> ${LAYER_COUNT} OR g.d <> g.n OR g.last <> ${LAYER_COUNT} OR g.lo <> a.frame_count OR g.hi <> a.frame_count LIMIT 1`,
    });
  }
  for (const t of ['labels', 'audio_token_counts'] as const) {
    if (!tables.has(t)) continue;
    checks.push({
      table: t,
      sql: `SELECT x.audio_key, 1 AS n, 1 AS d, 0 AS last, x.filename AS file, x.file_row_number AS row, NULL AS expected FROM ${tableScan(dir, t)} x
            ANTI JOIN (SELECT audio_key FROM ${audios}) a USING (audio_key) LIMIT 1`,
    });
  }
  for (const check of checks) {
    const [r] = await db.query(check.sql);
    if (!r) continue;
    const unknown = r['unknown'] === true || (check.table === 'frames' && r['expected'] === null);
    const place = r['file'] === null || r['file'] === undefined ? { file: `${dir}/${check.table}`, rowGroup: 0, row: 0 } : await placeOf(db, String(r['file']), toNumber(r['row']));
    return {
      ...place,
      table: check.table,
      audioKey: toNumber(r['audio_key']),
      expected: unknown || r['expected'] === null ? null : toNumber(r['expected']),
      rows: toNumber(r['n']),
      distinct: toNumber(r['d']),
      last: toNumber(r['last']),
    };
  }
  return null;
}

/** Two audios rows of a dataset with one identity (corpus, model, content sha256) or one audio_key. */
export interface DuplicateAudio extends RowPlace {
  audioKey: number;
  contentSha256: string;
}

/** The first audios row that repeats an identity or an audio_key of another, or null. */
export async function firstDuplicateAudio(db: Database, dir: string): Promise<DuplicateAudio | null> {
  const [r] = await db.query(
    `SELECT filename, file_row_number, audio_key, content_sha256 FROM (
       SELECT *, row_number() OVER (PARTITION BY corpus, model, content_sha256) AS same_identity, row_number() OVER (PARTITION BY audio_key) AS same_key FROM ${tableScan(dir, 'audios')})
     WHERE same_identity > 1 OR same_key > 1 LIMIT 1`,
  );
  if (!r) return null;
  return { ...(await placeOf(db, String(r['filename']), toNumber(r['file_row_number']))), audioKey: toNumber(r['audio_key']), contentSha256: String(r['content_sha256']) };
}

/** A stored evaluation run of a dataset, its JSON as text. */
export interface DatasetRun {
  corpus: string;
  runKey: number;
  /** Creation time as DuckDB prints a TIMESTAMP (microseconds kept: a JS Date would drop them). */
  createdAt: string;
  name: string | null;
  spec: string;
  report: string;
}

/** What an import stored. */
export interface ImportedRows {
  /** Store audio id of every audio_key of the dataset (new, or the one already stored with that identity). */
  audioIds: Map<number, number>;
  /** Corpus id of every corpus name imported into. */
  corpusIds: Map<string, number>;
  audios: number;
  alreadyPresent: number;
  frames: number;
  labels: number;
}

/**
 * Stores the dataset at `dir` inside `tx`: each corpus (renamed to `rename` when given; created
 * with its description and creation time when absent), then every audio whose identity (corpus,
 * model, content sha256) is not stored yet under a new id, with its frames, labels, file identity
 * and pre-aggregates as the files hold them; the corpus token counts grow by the new audios'.
 * An audio already stored is left as it is (ingest's rule). `tables` are those the dataset holds rows of.
 */
export async function insertDataset(tx: Transaction, dir: string, tables: ReadonlySet<DatasetTableName>, rename: string | null): Promise<ImportedRows> {
  const corpusOf = (column: string) => (rename === null ? column : literal(rename));
  await tx.query(
    `INSERT INTO corpora (name, description, created_at)
     SELECT DISTINCT ON (corpus) ${corpusOf('corpus')} AS corpus, description, created_at FROM ${tableScan(dir, 'corpora')}
     WHERE ${corpusOf('corpus')} NOT IN (SELECT name FROM corpora) ORDER BY corpus`,
  );
  const corpora = await tx.query(`SELECT id, name FROM corpora WHERE name IN (SELECT ${corpusOf('corpus')} FROM ${tableScan(dir, 'corpora')})`);
  const corpusIds = new Map(corpora.map((r) => [String(r['name']), toNumber(r['id'])]));
  await tx.query('DROP TABLE IF EXISTS temp.ds_audios');
  await tx.query('DROP TABLE IF EXISTS temp.ds_fresh');
  await tx.query(
    `CREATE TEMP TABLE ds_audios AS SELECT d.* EXCLUDE (filename, file_row_number), c.id AS corpus_id, e.id AS existing_id
     FROM ${tableScan(dir, 'audios')} d JOIN corpora c ON c.name = ${corpusOf('d.corpus')}
     LEFT JOIN audios e ON e.corpus_id = c.id AND e.model = d.model AND e.content_sha256 = d.content_sha256`,
  );
  await tx.query(`CREATE TEMP TABLE ds_fresh AS SELECT audio_key, nextval('audio_id_seq') AS new_id FROM ds_audios WHERE existing_id IS NULL ORDER BY audio_key`);
  try {
    await tx.query(
      `INSERT INTO audios (id, corpus_id, model, content_sha256, source_path, source_line, frame_count, text, metadata, ingested_at, source_kind, model_sha256, source_format, source_sample_rate, source_channels, source_samples)
       SELECT f.new_id, d.corpus_id, d.model, d.content_sha256, d.source_path, d.source_line, d.frame_count, d.text, d.metadata, d.ingested_at, d.source_kind, d.model_sha256, d.source_format, d.source_sample_rate, d.source_channels, d.source_samples
       FROM ds_audios d JOIN ds_fresh f USING (audio_key) ORDER BY f.new_id`,
    );
    await tx.query(`INSERT INTO audio_files SELECT f.new_id, d.file_size_bytes, d.file_mtime_ms FROM ds_audios d JOIN ds_fresh f USING (audio_key) WHERE d.file_size_bytes IS NOT NULL`);
    const copy = async (table: DatasetTableName, columns: string): Promise<number> => {
      if (!tables.has(table)) return 0;
      const rows = await tx.query(`INSERT INTO ${quoteIdentifier(table)} SELECT f.new_id, ${columns} FROM ${tableScan(dir, table)} x JOIN ds_fresh f USING (audio_key)`);
      return toNumber(rows[0]?.['Count'] ?? 0);
    };
    const frames = await copy('frames', `x.frame, ${Array.from({ length: LAYER_COUNT }, (_, i) => `x.${layerColumn(i + 1)}`).join(', ')}`);
    const labels = await copy('labels', 'x.start_seconds, x.end_seconds, x.label');
    await copy('audio_layer_stats', 'x.layer, x.token_count, x.token_sum, x.token_sum_sq, x.distinct_tokens, x.entropy_bits');
    await copy('audio_token_counts', 'x.layer, x.token, x.count');
    await tx.query(
      `INSERT INTO corpus_token_counts
       SELECT a.corpus_id, a.model, t.layer, t.token, sum(t.count) FROM audio_token_counts t JOIN audios a ON a.id = t.audio_id
       WHERE t.audio_id IN (SELECT new_id FROM ds_fresh) GROUP BY ALL
       ON CONFLICT DO UPDATE SET count = count + excluded.count`,
    );
    const map = await tx.query('SELECT d.audio_key, coalesce(d.existing_id, f.new_id) AS id FROM ds_audios d LEFT JOIN ds_fresh f USING (audio_key)');
    const fresh = toNumber((await tx.query('SELECT count(*) AS n FROM ds_fresh'))[0]!['n']);
    return {
      audioIds: new Map(map.map((r) => [toNumber(r['audio_key']), toNumber(r['id'])])),
      corpusIds,
      audios: fresh,
      alreadyPresent: map.length - fresh,
      frames,
      labels,
    };
  } finally {
    await tx.query('DROP TABLE IF EXISTS temp.ds_audios');
    await tx.query('DROP TABLE IF EXISTS temp.ds_fresh');
  }
}

/** The evaluation runs of the dataset at `dir`, in run_key order. */
export async function datasetRuns(tx: Transaction, dir: string): Promise<DatasetRun[]> {
  const rows = await tx.query(`SELECT corpus, run_key, created_at::VARCHAR AS created_at, name, spec, report FROM ${tableScan(dir, 'evaluation_runs')} ORDER BY run_key`);
  return rows.map((r) => ({ corpus: String(r['corpus']), runKey: toNumber(r['run_key']), createdAt: String(r['created_at']), name: (r['name'] as string | null) ?? null, spec: String(r['spec']), report: String(r['report']) }));
}

/** Stores an evaluation run as it was (creation time included) unless the corpus holds one with the same time, name, spec and report; true when stored. */
export async function insertRunOnce(tx: Transaction, corpusId: number, run: Omit<DatasetRun, 'corpus' | 'runKey'>): Promise<boolean> {
  const at = run.createdAt;
  const same = await tx.query('SELECT 1 FROM evaluation_runs WHERE corpus_id = ? AND created_at = ?::TIMESTAMP AND name IS NOT DISTINCT FROM ? AND spec = ? AND report = ?', [corpusId, at, run.name, run.spec, run.report]);
  if (same.length) return false;
  await tx.query('INSERT INTO evaluation_runs (corpus_id, created_at, name, spec, report) VALUES (?, ?::TIMESTAMP, ?, ?, ?)', [corpusId, at, run.name, run.spec, run.report]);
  return true;
}
