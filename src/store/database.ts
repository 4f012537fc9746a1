import { DuckDBInstance, listValue } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection, DuckDBDataChunk, DuckDBValue } from '@duckdb/node-api';
import { rename } from 'node:fs/promises';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { hasMigrationMarker, migrationMarkerPath } from './migration-marker.js';
import { isWalReplayFailure, openError } from './open-errors.js';
import { stringLiteral } from './sql-helpers.js';

/** A bound parameter: numbers, strings, booleans, null, or a list of numbers/strings. */
export type SqlValue = number | string | boolean | bigint | null | readonly (number | string)[];

/** A row as plain JS values (BIGINT arrives as bigint; use the mappers' `toNumber`). */
export type SqlRow = Record<string, unknown>;

/** The operations available inside a write transaction. */
export interface Transaction {
  /** Runs one statement inside the transaction and returns its rows. */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** An Appender on `table` that writes inside the transaction; closed by the caller. */
  appender(table: string): Promise<DuckDBAppender>;
}

/** How the database file is laid out in blocks (DuckDB's own accounting). */
export interface StorageLayout {
  /** Bytes per block. */
  blockSize: number;
  /** Blocks the database accounts for, used or free; nothing past them is referenced. */
  totalBlocks: number;
}

/** Options for opening the database. */
export interface DatabaseOptions {
  /** Read connections in the pool (default 4). */
  readConnections?: number;
  /** DuckDB worker threads (default: DuckDB's choice). */
  threads?: number;
}

const beyondInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && (v > 0x7fffffff || v < -0x80000000);

// A JS integer past int32 (an attached corpus's or audio's id, 2^31 and up) binds as BIGINT: the
// client infers INTEGER from a number, and a list of them would not bind at all.
function bind(params: readonly SqlValue[]): DuckDBValue[] {
  return params.map((p) => {
    if (Array.isArray(p)) return listValue(p.some(beyondInt32) ? p.map((v) => BigInt(v as number)) : (p as (number | string)[]));
    return beyondInt32(p) ? BigInt(p as number) : (p as DuckDBValue);
  });
}

/** Hands a result's chunks to `visit` in order, up to the first empty one; returns the row count. */
async function drainChunks(result: { fetchChunk(): Promise<DuckDBDataChunk | null> }, visit: (chunk: DuckDBDataChunk) => void | Promise<void>): Promise<number> {
  let rows = 0;
  for (let chunk = await result.fetchChunk(); chunk; chunk = await result.fetchChunk()) {
    const n = chunk.rowCount;
    if (!n) break;
    await visit(chunk);
    rows += n;
  }
  return rows;
}

/**
 * The DuckDB handle: a pool of read connections and one write connection whose transactions are
 * serialised, so concurrent requests never share a transaction. Counts statements for tests.
 */
export class Database {
  private statements = 0;
  private nextReader = 0;
  private writeQueue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly readers: DuckDBConnection[],
    private readonly writer: DuckDBConnection,
  ) {}

  /**
   * Opens (creating if needed) the database at `path`, or an in-memory one for ':memory:'. A file
   * another process holds is DATABASE_BUSY naming that process. A WAL that DuckDB cannot replay while
   * a migration marker says migrations were running holds only those migrations (see
   * migration-marker.ts): it is set aside as `<path>.wal.interrupted-migration-<time>` and the file
   * opened at its last checkpoint, where the migrations run again.
   */
  static async open(path: string, options: DatabaseOptions = {}): Promise<Database> {
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config['threads'] = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (err) {
      if (!(path !== ':memory:' && isWalReplayFailure(err) && hasMigrationMarker(path))) throw openError(path, err);
      const aside = `${path}.wal.interrupted-migration-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(`${path}.wal`, aside);
      console.error(`tokenscope: ${path} was closed while migrating (${migrationMarkerPath(path)} is there); its WAL held only the migrations and was set aside as ${aside}; migrating again`);
      try {
        instance = await DuckDBInstance.create(path, config);
      } catch (again) {
        throw openError(path, again);
      }
    }
    const readers: DuckDBConnection[] = [];
    for (let i = 0; i < (options.readConnections ?? 4); i++) readers.push(await instance.connect());
    const writer = await instance.connect();
    // Attached datasets are read again and again (attached-datasets.ts): keep each file's footer
    // (schema, row-group min/max) parsed once instead of on every read. A setting of the
    // Parquet reader, so it can only be set once a connection has it loaded, not in the config.
    await writer.run('SET GLOBAL parquet_metadata_cache = true');
    return new Database(path, instance, readers, writer);
  }

  /** True for a database in a file (not ':memory:'). */
  get durable(): boolean {
    return this.path !== ':memory:';
  }

  /** Writes everything in the WAL into the database file (after pending writes); the WAL is then empty. */
  checkpoint(): Promise<void> {
    return this.onWriter(async () => {
      await this.run(this.writer, 'CHECKPOINT');
    });
  }

  /** The file's block layout as DuckDB accounts for it. */
  async storageLayout(): Promise<StorageLayout> {
    const [row] = await this.query('SELECT block_size, total_blocks FROM pragma_database_size()');
    return { blockSize: Number(row?.['block_size']), totalBlocks: Number(row?.['total_blocks']) };
  }

  /** Number of SQL statements issued so far (reads and writes). */
  get statementCount(): number {
    return this.statements;
  }

  /** Runs a read-only statement on a pooled connection and returns its rows. */
  async query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    const conn = this.readers[this.nextReader++ % this.readers.length]!;
    return this.run(conn, sql, params);
  }

  /**
   * Runs a read-only statement and hands its result to `visit` chunk by chunk (up to 2048 rows each),
   * for large numeric results that would be slow to turn into row objects; returns the row count.
   */
  async readChunks(sql: string, params: readonly SqlValue[], visit: (chunk: DuckDBDataChunk) => void): Promise<number> {
    if (this.closed) throw new TokenscopeError(ErrorCode.INTERNAL, 'database is closed');
    this.statements++;
    const conn = this.readers[this.nextReader++ % this.readers.length]!;
    return drainChunks(await conn.run(sql, params.length ? bind(params) : undefined), visit);
  }

  /**
   * Like readChunks, but DuckDB streams the result instead of materialising it first, so memory stays
   * one chunk deep however large the result (a scan of a big Parquet file); `visit` may be async.
   * It runs on a connection of its own: a statement run on a connection ends a streaming result
   * still open there, and the pooled readers are shared by concurrent requests.
   */
  async streamChunks(sql: string, params: readonly SqlValue[], visit: (chunk: DuckDBDataChunk) => void | Promise<void>): Promise<number> {
    if (this.closed) throw new TokenscopeError(ErrorCode.INTERNAL, 'database is closed');
    this.statements++;
    const conn = await this.instance.connect();
    try {
      return await drainChunks(await conn.stream(sql, params.length ? bind(params) : undefined), visit);
    } finally {
      conn.closeSync();
    }
  }

  /**
   * Attaches the DuckDB file at `path` read-only under `alias` (an identifier of letters, digits and
   * underscores), after the writes queued before it: its tables read as `alias.table` on every
   * connection until detach(alias). A file another process holds is DATABASE_BUSY naming it.
   */
  attachReadOnly(path: string, alias: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new RangeError(`alias ${alias} is not a plain identifier`);
    return this.onWriter(async () => {
      try {
        await this.run(this.writer, `ATTACH ${stringLiteral(path)} AS ${alias} (READ_ONLY)`);
      } catch (err) {
        throw openError(path, err);
      }
    });
  }

  /** Detaches what attachReadOnly attached under `alias` (nothing when it is not attached). */
  detach(alias: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new RangeError(`alias ${alias} is not a plain identifier`);
    return this.onWriter(async () => {
      await this.run(this.writer, `DETACH DATABASE IF EXISTS ${alias}`);
    });
  }

  /** Runs `work` in one transaction on the write connection; writes are serialised. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.onWriter(async () => {
      const tx: Transaction = {
        query: (sql, params = []) => this.run(this.writer, sql, params),
        appender: (table) => this.writer.createAppender(table),
      };
      await this.run(this.writer, 'BEGIN TRANSACTION');
      try {
        const result = await work(tx);
        await this.run(this.writer, 'COMMIT');
        return result;
      } catch (err) {
        await this.run(this.writer, 'ROLLBACK');
        throw err;
      }
    });
  }

  /** Runs `work` on the write connection after every write queued before it (a failed one does not stop the queue). */
  private onWriter<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writeQueue.then(work, work);
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  /**
   * Waits for pending writes, checkpoints (so a clean close leaves no WAL behind), then closes every
   * connection and the instance.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (this.durable) await this.checkpoint().catch((err: unknown) => console.error(`tokenscope: checkpoint on close of ${this.path} failed (the WAL keeps every committed write): ${(err as Error).message}`));
    this.closed = true;
    await this.writeQueue;
    for (const c of [...this.readers, this.writer]) c.closeSync();
    this.instance.closeSync();
  }

  private async run(conn: DuckDBConnection, sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    if (this.closed) throw new TokenscopeError(ErrorCode.INTERNAL, 'database is closed');
    this.statements++;
    const reader = await conn.runAndReadAll(sql, params.length ? bind(params) : undefined);
    return reader.getRowObjectsJS() as SqlRow[];
  }
}
