import { LAYER_COUNT } from '../domain/contract.js';

/** Quotes an SQL identifier (the only way identifiers enter SQL text). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string as an SQL string literal, for the places a parameter cannot go (COPY's target; a path read as a glob goes through globLiteral or escapeGlob). */
export function stringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A file path as a read_parquet/parquet_metadata/parquet_schema argument that matches that path only:
 * DuckDB reads every path as a glob, so `a*.parquet` would also read `ab.parquet`. Each glob
 * character is put in a one-character class (`[*]`, `[?]`, `[[]`), the escape DuckDB's glob honours
 * (test/unit/store/glob-literal.test.ts reads such files). COPY's target is not a glob and takes stringLiteral.
 */
export function globLiteral(path: string): string {
  return stringLiteral(escapeGlob(path));
}

/** `path` with its glob characters escaped, to put in front of a glob pattern of one's own (a folder, then `/<table>/` and a recursive `*.parquet`). */
export function escapeGlob(path: string): string {
  return path.replace(/[*?[]/g, (c) => `[${c}]`);
}

/** Column holding layer `layer` (1..16) in the wide `frames` table. */
export function layerColumn(layer: number): string {
  if (!Number.isInteger(layer) || layer < 1 || layer > LAYER_COUNT) throw new RangeError(`layer ${layer} outside 1..${LAYER_COUNT}`);
  return quoteIdentifier(`l${layer}`);
}

/** The 16 layer columns of the wide `frames` table, l1..l16, quoted, in order. */
export const LAYER_COLUMNS: readonly string[] = Array.from({ length: LAYER_COUNT }, (_, i) => layerColumn(i + 1));

/** Converts a DuckDB integer (bigint for BIGINT/HUGEINT) or double to a JS number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  return Number(value);
}
