import type { DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import { DuckDBListValue } from '@duckdb/node-api';
import type { Database } from './database.js';
import { globLiteral, quoteIdentifier, toNumber } from './sql-helpers.js';

/**
 * Reading code sets published as Parquet (one row per utterance, a nested list of tokens) through
 * DuckDB, which reads every Parquet codec (snappy, zstd, gzip, brotli, lz4) the hub's files use and
 * pushes column projection into the scan. Validation and shapes are the caller's (src/ingest/codes).
 */

/** A top-level column of a Parquet file: its name and DuckDB type (`SMALLINT[][]`, `VARCHAR`, …). */
export interface ParquetFileColumn {
  readonly name: string;
  readonly type: string;
}

/** The file's top-level columns, in file order. */
export async function parquetFileColumns(db: Database, path: string): Promise<ParquetFileColumn[]> {
  const rows = await db.query(`DESCRIBE SELECT * FROM read_parquet(${globLiteral(path)})`);
  return rows.map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
}

/** The number of rows of each row group, in order (index i is row group id i). */
export async function parquetRowGroupSizes(db: Database, path: string): Promise<number[]> {
  const rows = await db.query(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${globLiteral(path)}) ORDER BY row_group_id`);
  return rows.map((r) => toNumber(r['row_group_num_rows']));
}

/** One row of a code set: its place in the file, the nested codes as numbers, and the other columns as text. */
export interface ParquetCodeRow {
  /** 0-based row of the file. */
  readonly row: number;
  /** The codes column: a list of lists of numbers (null where the file holds null). */
  readonly codes: (readonly (number | null)[] | null)[] | null;
  /** The chosen scalar columns, as text (null stays null). */
  readonly fields: Readonly<Record<string, string | null>>;
}

function numberOf(v: DuckDBValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}

function nested(v: DuckDBValue): (readonly (number | null)[] | null)[] | null {
  if (v === null) return null;
  if (!(v instanceof DuckDBListValue)) return null;
  return v.items.map((inner) => (inner instanceof DuckDBListValue ? inner.items.map(numberOf) : null));
}

/**
 * Visits the rows of `path` in file order (DuckDB keeps a scan's order: preserve_insertion_order is on, and a
 * sort of a 10 GB file would hold it in memory), in batches of at most 2048 (DuckDB's chunks): the
 * codes column cast to DOUBLE elements (any integer or float type reads; the caller refuses
 * non-integers and values outside the contract), and `fields` cast to VARCHAR.
 */
export async function readParquetCodeRows(
  db: Database,
  path: string,
  codesColumn: string,
  fields: readonly string[],
  visit: (rows: readonly ParquetCodeRow[]) => void,
): Promise<number> {
  const fieldSql = fields.map((f, i) => `CAST(${quoteIdentifier(f)} AS VARCHAR) AS f${i}`);
  const sql = `SELECT file_row_number, CAST(${quoteIdentifier(codesColumn)} AS DOUBLE[][]) AS codes${fieldSql.length ? ', ' + fieldSql.join(', ') : ''}
               FROM read_parquet(${globLiteral(path)}, file_row_number = true)`;
  return db.streamChunks(sql, [], (chunk: DuckDBDataChunk) => {
    const out: ParquetCodeRow[] = [];
    for (const r of chunk.getRows()) {
      const values: Record<string, string | null> = {};
      fields.forEach((f, i) => {
        const v = r[2 + i];
        values[f] = v === null || v === undefined ? null : String(v);
      });
      out.push({ row: toNumber(r[0]), codes: nested(r[1] ?? null), fields: values });
    }
    visit(out);
  });
}
