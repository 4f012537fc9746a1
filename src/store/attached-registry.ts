import type { AttachedFile } from './attached-files.js';
import type { Database, Transaction } from './database.js';
import type { DatasetTableName } from './parquet-dataset.js';
import { toNumber } from './sql-helpers.js';

/** A corpus of an attached dataset, shown as `<dataset>/<corpus>`. */
export interface AttachedCorpus {
  id: number;
  /** `<dataset name>/<corpus>`: never a native name (those have no '/'). */
  name: string;
  /** The corpus's name inside the dataset. */
  corpus: string;
  description: string | null;
  createdAt: Date;
}

/** An attached dataset: read in place from `path`. */
export interface Attachment {
  slot: number;
  name: string;
  /** Absolute folder of the dataset (holding dataset.json). */
  path: string;
  manifestSha256: string;
  attachedAt: Date;
  corpora: AttachedCorpus[];
  files: AttachedFile[];
}

/** The datasets the registry of `db` holds, by slot. */
export async function readAttachments(db: Database): Promise<Attachment[]> {
  const out: Attachment[] = [];
  const sets = await db.query('SELECT slot, name, path, manifest_sha256, attached_at FROM attached_datasets ORDER BY slot');
  const corpora = await db.query('SELECT corpus_id, slot, corpus, description, created_at FROM attached_corpora ORDER BY corpus_id');
  const files = await db.query('SELECT slot, table_name, corpus, path, size_bytes, mtime_ms FROM attached_files ORDER BY slot, table_name, path');
  for (const r of sets) {
    const slot = toNumber(r['slot']);
    const name = String(r['name']);
    out.push({
      slot,
      name,
      path: String(r['path']),
      manifestSha256: String(r['manifest_sha256']),
      attachedAt: r['attached_at'] as Date,
      corpora: corpora
        .filter((c) => toNumber(c['slot']) === slot)
        .map((c) => ({ id: toNumber(c['corpus_id']), name: `${name}/${String(c['corpus'])}`, corpus: String(c['corpus']), description: (c['description'] as string | null) ?? null, createdAt: c['created_at'] as Date })),
      files: files
        .filter((f) => toNumber(f['slot']) === slot)
        .map((f) => ({ table: String(f['table_name']) as DatasetTableName, corpus: String(f['corpus']), path: String(f['path']), sizeBytes: toNumber(f['size_bytes']), mtimeMs: Number(f['mtime_ms']) })),
    });
  }
  return out;
}

/** Records `a` in the registry inside `tx` (a versionedTransaction); AttachedDatasets.use it once that commits. */
export async function registerAttachment(tx: Transaction, a: Attachment): Promise<void> {
  await tx.query('INSERT INTO attached_datasets (slot, name, path, manifest_sha256, attached_at) VALUES (?, ?, ?, ?, ?::TIMESTAMP)', [a.slot, a.name, a.path, a.manifestSha256, a.attachedAt.toISOString()]);
  for (const c of a.corpora) {
    await tx.query('INSERT INTO attached_corpora (corpus_id, slot, corpus, description, created_at) VALUES (?, ?, ?, ?, ?::TIMESTAMP)', [c.id, a.slot, c.corpus, c.description, c.createdAt.toISOString()]);
  }
  const appender = await tx.appender('attached_files');
  try {
    for (const f of a.files) {
      appender.appendUTinyInt(a.slot);
      appender.appendVarchar(f.table);
      appender.appendVarchar(f.corpus);
      appender.appendVarchar(f.path);
      appender.appendUBigInt(BigInt(f.sizeBytes));
      appender.appendDouble(f.mtimeMs);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Removes the dataset in `slot` from the registry inside `tx`; AttachedDatasets.forget it once that commits. */
export async function unregisterAttachment(tx: Transaction, slot: number): Promise<void> {
  await tx.query('DELETE FROM attached_files WHERE slot = ?', [slot]);
  await tx.query('DELETE FROM attached_corpora WHERE slot = ?', [slot]);
  await tx.query('DELETE FROM attached_datasets WHERE slot = ?', [slot]);
}
