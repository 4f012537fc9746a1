import { stat, truncate } from 'node:fs/promises';
import type { Database, StorageLayout } from './database.js';

/** A DuckDB file starts with three 4 KiB headers (its own and two alternating database headers); blocks follow. */
const FILE_HEADER_BYTES = 3 * 4096;

/**
 * Bytes at the end of a database file past the last block DuckDB accounts for. A large write
 * transaction spills its row groups into the file before it commits; when the process is killed
 * those blocks are referenced by nothing, and DuckDB neither lists them as free nor trims them (a
 * killed 200 MB ingest left 41 MB). Nothing past `header + totalBlocks × blockSize` is ever read.
 */
export function unusedTailBytes(fileBytes: number, layout: StorageLayout): number {
  if (!(layout.blockSize > 0) || !Number.isSafeInteger(layout.totalBlocks) || layout.totalBlocks < 0) return 0;
  const end = FILE_HEADER_BYTES + layout.totalBlocks * layout.blockSize;
  return fileBytes > end ? fileBytes - end : 0;
}

/**
 * Trims the unused tail of a database file when it is at least one block long: checkpoints (so the
 * layout is final), closes, truncates the file to its last accounted block and opens it again
 * through `reopen`. Returns the database to use from now on (the same one when nothing was trimmed).
 */
export async function reclaimUnusedTail(db: Database, reopen: () => Promise<Database>): Promise<Database> {
  if (!db.durable) return db;
  await db.checkpoint();
  const layout = await db.storageLayout();
  const fileBytes = (await stat(db.path)).size;
  const tail = unusedTailBytes(fileBytes, layout);
  if (tail < layout.blockSize) return db;
  await db.close();
  await truncate(db.path, fileBytes - tail);
  console.error(`tokenscope: reclaimed ${(tail / 2 ** 20).toFixed(1)} MiB at the end of ${db.path} left by writes that never committed (a process killed mid-write)`);
  return reopen();
}
