import { ErrorCode, TokenscopeError } from '../../errors.js';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../domain/contract.js';
import type { Database } from '../../store/database.js';
import { parquetFileColumns, parquetRowGroupSizes, readParquetCodeRows } from '../../store/parquet-codes.js';
import type { ParquetFileColumn } from '../../store/parquet-codes.js';
import type { CodeParseResult } from './code-item.js';
import { resultOf } from './code-item.js';
import type { CodeLocation } from './code-location.js';
import { invalidCodes } from './code-location.js';
import type { Orientation } from './orientation.js';
import { resolveOrientation } from './orientation.js';
import { validateRows } from './validate-rows.js';

/**
 * Code sets published as Parquet: one row per utterance, the codes a nested list of integers,
 * [layers][frames] (as the LibriSpeech Mimi/EnCodec code sets on the Hugging Face hub lay them out)
 * or [frames][layers], beside scalar columns (text, speaker, duration, id).
 */
export interface ParquetCodeOptions {
  /** The codes column; default: the one of CODES_COLUMN_NAMES the file has (refused when it has several or none). */
  readonly codesColumn?: string;
  /** The column stored as the audio's text; default `text` when the file has it. */
  readonly textColumn?: string;
  /** Scalar columns stored (as text) in the audio's metadata; default: every scalar column but the codes and text. */
  readonly metadataColumns?: readonly string[];
  /** [frames][layers] ('frame-major') or [layers][frames] ('layer-major'); default: the side of 16 decides. */
  readonly orientation?: Orientation;
}

/** Column names the published code sets use for their codes, tried in order. */
export const CODES_COLUMN_NAMES: readonly string[] = ['codes', 'audio_codes', 'codec_codes', 'tokens'];

const isNestedList = (c: ParquetFileColumn) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE)\[\]\[\]$/.test(c.type);
const isScalar = (c: ParquetFileColumn) => !/[\]]$/.test(c.type) && !/^(STRUCT|MAP|UNION)/.test(c.type);
const listed = (columns: readonly ParquetFileColumn[]) => columns.map((c) => `${c.name} (${c.type})`).join(', ');

/** The columns to read, checked against the file's: INVALID_CODES naming what was asked and what the file has. */
function chooseColumns(path: string, columns: readonly ParquetFileColumn[], options: ParquetCodeOptions) {
  const fail = (problem: string) => new TokenscopeError(ErrorCode.INVALID_CODES, `${path}: ${problem}; the file's columns: ${listed(columns)}`, { path, columns: columns.map((c) => c.name) });
  const byName = new Map(columns.map((c) => [c.name, c]));
  let codes: ParquetFileColumn | undefined;
  if (options.codesColumn !== undefined) {
    codes = byName.get(options.codesColumn);
    if (!codes) throw fail(`has no codes column '${options.codesColumn}'`);
    if (!isNestedList(codes)) throw fail(`column '${codes.name}' is ${codes.type}, expected a nested list of integers ([layers][frames] or [frames][layers], e.g. SMALLINT[][])`);
  } else {
    const found = CODES_COLUMN_NAMES.map((n) => byName.get(n)).filter((c): c is ParquetFileColumn => c !== undefined && isNestedList(c));
    if (found.length > 1) throw fail(`has several codes columns (${found.map((c) => c.name).join(', ')}); choose one with the codes column option`);
    codes = found[0];
    if (!codes) throw fail(`has no codes column: expected one of ${CODES_COLUMN_NAMES.join(', ')} as a nested list of integers, or name it with the codes column option`);
  }
  let text: string | undefined;
  if (options.textColumn !== undefined) {
    const c = byName.get(options.textColumn);
    if (!c) throw fail(`has no text column '${options.textColumn}'`);
    if (!isScalar(c)) throw fail(`text column '${c.name}' is ${c.type}, expected a scalar`);
    text = c.name;
  } else if (byName.has('text') && isScalar(byName.get('text')!)) text = 'text';
  let metadata: string[];
  if (options.metadataColumns !== undefined) {
    metadata = [];
    for (const name of options.metadataColumns) {
      const c = byName.get(name);
      if (!c) throw fail(`has no metadata column '${name}'`);
      if (!isScalar(c)) throw fail(`metadata column '${name}' is ${c.type}, expected a scalar (text, number, date)`);
      if (name !== codes.name && name !== text && !metadata.includes(name)) metadata.push(name);
    }
  } else metadata = columns.filter((c) => c.name !== codes.name && c.name !== text && isScalar(c)).map((c) => c.name);
  return { codes: codes.name, text, metadata };
}

/**
 * Where a row is: the file, its row group and its row, both 0-based. The label is made only when a
 * message needs it (every row gets a location, few rows an error).
 */
function rowLocation(path: string, row: number, groupStarts: readonly number[]): CodeLocation {
  return {
    source: { path, line: row },
    get label() {
      let group = 0;
      while (group + 1 < groupStarts.length && groupStarts[group + 1]! <= row) group++;
      return `${path} row group ${group}, row ${row} (0-based; row ${row - (groupStarts[group] ?? 0)} of its group)`;
    },
  };
}

/** The nested codes of one row as validateRows takes them, or INVALID_CODES naming the shape and what the contract expects. */
function orientedRows(codes: readonly (readonly (number | null)[] | null)[] | null, at: CodeLocation, field: string, requested: Orientation | undefined) {
  const fail = (problem: string, position = {}) => invalidCodes(at, `${field} ${problem}`, position);
  if (codes === null) throw fail('is null, expected a nested list of tokens');
  if (codes.length === 0) throw fail('is empty: a code matrix needs at least one frame');
  const lengths = codes.map((inner) => (inner === null ? -1 : inner.length));
  const nullAt = lengths.indexOf(-1);
  if (nullAt >= 0) throw fail(`list ${nullAt} (0-based) is null, expected a list of tokens`);
  const ragged = lengths.findIndex((n) => n !== lengths[0]);
  if (ragged >= 0) {
    throw fail(`is ragged: list 0 has ${lengths[0]} values and list ${ragged} (0-based) has ${lengths[ragged]}; every inner list must have the same length ([layers][frames] or [frames][layers])`, { list: ragged, expected: lengths[0], found: lengths[ragged] });
  }
  const shape: [number, number] = [codes.length, lengths[0]!];
  if (shape[0] !== LAYER_COUNT && shape[1] !== LAYER_COUNT) {
    throw fail(
      `has shape [${shape[0]}][${shape[1]}]: the Qwen3-TTS-Tokenizer-12Hz contract expects ${LAYER_COUNT} layers of tokens 0..${CODEBOOK_SIZE - 1} ` +
        `([${LAYER_COUNT}][frames] or [frames][${LAYER_COUNT}]), and neither side is ${LAYER_COUNT}: these are another codec's codes (many Mimi sets have 8 codebooks)`,
      { shape },
    );
  }
  return { rows: codes, orientation: resolveOrientation(shape, requested, at) };
}

/**
 * Reads a published Parquet code set through DuckDB (src/store/parquet-codes.ts), one result per
 * row in file order, handed to `visit` a chunk (≤ 2048 rows) at a time: a matrix, or a failure that
 * names the file, row group, row and, for a bad token, its frame, layer and value. Columns are
 * checked first: a missing or mistyped one throws INVALID_CODES naming the file's columns.
 */
export async function readParquetCodes(db: Database, path: string, options: ParquetCodeOptions, visit: (batch: readonly CodeParseResult[]) => void): Promise<void> {
  let columns: ParquetFileColumn[];
  let groups: number[];
  try {
    columns = await parquetFileColumns(db, path);
    groups = await parquetRowGroupSizes(db, path);
  } catch (err) {
    if (err instanceof TokenscopeError) throw err;
    throw new TokenscopeError(ErrorCode.INVALID_CODES, `${path}: is not a readable Parquet file (${(err as Error).message.split('\n')[0]})`, { path });
  }
  const chosen = chooseColumns(path, columns, options);
  const fields = chosen.text === undefined ? chosen.metadata : [...chosen.metadata, chosen.text];
  const groupStarts: number[] = [];
  groups.reduce((start, n) => (groupStarts.push(start), start + n), 0);
  await readParquetCodeRows(db, path, chosen.codes, fields, (rows) => {
    visit(
      rows.map((r) => {
        const at = rowLocation(path, r.row, groupStarts);
        return resultOf(at.source, () => {
          const { rows: nested, orientation } = orientedRows(r.codes, at, chosen.codes, options.orientation);
          const metadata: Record<string, string> = {};
          for (const f of chosen.metadata) if (r.fields[f] !== null && r.fields[f] !== undefined) metadata[f] = r.fields[f]!;
          const text = chosen.text === undefined ? null : r.fields[chosen.text];
          if (text !== null && text !== undefined) metadata['text'] = text;
          return { matrix: validateRows(nested, at, { orientation, field: chosen.codes }), metadata };
        });
      }),
    );
  });
}
