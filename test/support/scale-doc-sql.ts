import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { repoRoot } from './paths.js';

/** docs/scale.md, whose DuckDB blocks the scale test and bench run. */
export const SCALE_DOC = join(repoRoot(), 'docs', 'scale.md');

/** The placeholder the doc's SQL uses for the dataset's root folder (or URL prefix). */
export const DATASET_PLACEHOLDER = 'DIR';

/** A value of one of the doc's `SET VARIABLE` parameters. */
export type DocSqlValue = string | number | null | readonly (string | number)[];

/**
 * The SQL blocks of a Markdown text marked for an engine (```sql duckdb layerStats), by name.
 * A name used twice is an error: the test would silently run only one of them.
 */
export function docSqlBlocks(markdown: string, engine = 'duckdb'): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of markdown.matchAll(/^```sql (\S+) (\S+)\n([\s\S]*?)^```$/gm)) {
    if (m[1] !== engine) continue;
    if (blocks.has(m[2]!)) throw new Error(`docs/scale.md has two \`sql ${engine} ${m[2]}\` blocks`);
    blocks.set(m[2]!, m[3]!);
  }
  return blocks;
}

/** The DuckDB blocks of docs/scale.md. */
export function scaleDocSql(): Map<string, string> {
  return docSqlBlocks(readFileSync(SCALE_DOC, 'utf8'));
}

function literal(value: DocSqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`parameter value ${value} is not finite`);
    return String(value);
  }
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return `[${value.map(literal).join(', ')}]`;
}

/**
 * Runs one doc block on `connection`: sets each of `variables` with SET VARIABLE (as the doc tells
 * its reader to), puts `dataset` where the block says DIR (a folder, a glob such as `/x/shard-*`,
 * or an s3:// prefix) and returns the rows as JSON-safe values (big integers as strings).
 */
export async function runDocSql(connection: DuckDBConnection, sql: string, dataset: string, variables: Readonly<Record<string, DocSqlValue>>): Promise<Record<string, unknown>[]> {
  for (const [name, value] of Object.entries(variables)) await connection.run(`SET VARIABLE ${name} = ${literal(value)}`);
  const reader = await connection.runAndReadAll(sql.replaceAll(`'${DATASET_PLACEHOLDER}/`, `'${dataset.replaceAll("'", "''")}/`));
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}
