import type { AttachedFile } from './attached-files.js';
import type { Database, Transaction } from './database.js';
import type { DatasetTableName } from './parquet-dataset.js';
import { escapeGlob, stringLiteral, toNumber } from './sql-helpers.js';

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

/** A corpus as a dataset's corpora table lists it. */
export interface DatasetCorpus {
  corpus: string;
  description: string | null;
  createdAt: Date;
}

/** The read_parquet of every file of a dataset's table folder (the folder taken literally, not as a glob). */
function tableFiles(path: string, table: DatasetTableName): string {
  return `read_parquet(${stringLiteral(`${escapeGlob(path)}/${table}/**/*.parquet`)}, hive_partitioning = false)`;
}

/** The largest audio_key of the dataset at `path` (0 when it has no audios). */
export async function datasetLastAudioKey(db: Database, path: string): Promise<number> {
  const [row] = await db.query(`SELECT coalesce(max(audio_key), 0) AS last FROM ${tableFiles(path, 'audios')}`);
  return toNumber(row?.['last']);
}

/** The corpora of the dataset at `path`, by name. */
export async function datasetCorpora(db: Database, path: string): Promise<DatasetCorpus[]> {
  const rows = await db.query(`SELECT corpus, description, created_at FROM ${tableFiles(path, 'corpora')} ORDER BY corpus`);
  return rows.map((r) => ({ corpus: String(r['corpus']), description: (r['description'] as string | null) ?? null, createdAt: r['created_at'] as Date }));
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
