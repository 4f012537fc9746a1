import { LAYER_COUNT } from '../domain/contract.js';

/** Quotes an SQL identifier (the only way identifiers enter SQL text). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string as an SQL string literal, for the places a parameter cannot go (COPY's target, read_parquet's and parquet_metadata's path or glob). */
export function stringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Column holding layer `layer` (1..16) in the wide `frames` table. */
export function layerColumn(layer: number): string {
  if (!Number.isInteger(layer) || layer < 1 || layer > LAYER_COUNT) throw new RangeError(`layer ${layer} outside 1..${LAYER_COUNT}`);
  return quoteIdentifier(`l${layer}`);
}

/** Converts a DuckDB integer (bigint for BIGINT/HUGEINT) or double to a JS number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  return Number(value);
}
