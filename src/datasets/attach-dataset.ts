import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { ErrorCode, TokenscopeError, invalidArgument, notFound } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';
import { datasetCorpora, datasetLastAudioKey, registerAttachment, unregisterAttachment } from '../store/attached-registry.js';
import type { Attachment } from '../store/attached-registry.js';
import type { AttachedFile } from '../store/attached-files.js';
import { MAX_SLOTS, SLOT_SPAN, attachedId } from '../store/attached-ids.js';
import { recordChange, versionedTransaction } from '../store/data-versions.js';
import { DATASET_TABLES } from '../store/parquet-dataset.js';
import type { Store } from '../store/store.js';
import { checkDataset } from './check-dataset.js';
import { MANIFEST_FILE } from './layout.js';
import { readManifest } from './read-manifest.js';

/** Longest name a dataset is attached under, in characters. */
export const MAX_DATASET_NAME = 64;

/** Dataset names: 1–64 letters, digits, '.', '_', '-' (its corpora are shown as `<name>/<corpus>`). */
export function checkDatasetName(name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.length > MAX_DATASET_NAME) {
    throw invalidArgument(`dataset name must be 1–${MAX_DATASET_NAME} letters, digits, '.', '_' or '-'; received ${excerpt(name)}`, { argument: 'name', value: clip(name) });
  }
  return name;
}

/** Every Parquet file under `dir/<table>/`, with the corpus of its partition folder, size and mtime. */
async function listFiles(dir: string): Promise<AttachedFile[]> {
  const out: AttachedFile[] = [];
  for (const table of DATASET_TABLES) {
    const entries = await readdir(join(dir, table.name), { recursive: true });
    for (const entry of entries.map(String).filter((e) => e.endsWith('.parquet')).sort()) {
      const path = join(table.name, entry);
      const folder = entry.split(sep).find((part) => part.startsWith('corpus='));
      if (!folder) {
        throw new TokenscopeError(ErrorCode.INVALID_DATASET, `${clip(join(dir, path), 300)}: not inside a corpus=<name> folder; an attached dataset is read by corpus partition (docs/datasets.md, Layout)`, { path: clip(join(dir, path), 300), table: table.name });
      }
      const s = await stat(join(dir, path));
      out.push({ table: table.name, corpus: decodeURIComponent(folder.slice('corpus='.length)), path, sizeBytes: s.size, mtimeMs: s.mtimeMs });
    }
  }
  return out;
}

/**
 * Attaches the tokenscope dataset (tokenscope export's) at `dir` read-only under `name`: nothing
 * is copied; its corpora appear as `<name>/<corpus>` and are read in place (statistics from its
 * pre-aggregate files, codes from its frames files). The manifest and files are checked as an
 * import checks them (INVALID_DATASET naming the file, row group, row and value); each file's
 * size and modification time are recorded, so a later read of a changed file is refused with
 * DATASET_CHANGED. ALREADY_EXISTS when `name` is taken; LIMIT_EXCEEDED past 128 datasets.
 */
export async function attachDataset(store: Store, dir: string, name: string): Promise<Attachment> {
  checkDatasetName(name);
  const path = resolve(dir);
  if (store.attached.byName(name)) throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `a dataset is already attached as ${excerpt(name)}; detach it first or choose another name`, { name: clip(name) });
  const manifest = await readManifest(path);
  // Sizes and times are taken before the check: a file changed while it runs is refused on its first read.
  const files = await listFiles(path);
  const manifestSha256 = createHash('sha256').update(await readFile(join(path, MANIFEST_FILE))).digest('hex');
  await checkDataset(store.db, path, manifest);
  const lastKey = await datasetLastAudioKey(store.db, path);
  if (lastKey >= SLOT_SPAN) {
    throw new TokenscopeError(ErrorCode.INVALID_DATASET, `${clip(path, 300)}: audio_key ${lastKey} is past ${SLOT_SPAN - 1}, the largest an attached dataset may hold (its audio ids are 2^31 + slot·2^24 + audio_key); import it instead`, { path: clip(path, 300) });
  }
  const corpora = await datasetCorpora(store.db, path);
  const slot = store.attached.freeSlot(MAX_SLOTS);
  if (slot === null) throw new TokenscopeError(ErrorCode.LIMIT_EXCEEDED, `${MAX_SLOTS} datasets are attached already, the most at once; detach one first`, { limit: MAX_SLOTS });
  const attachment: Attachment = {
    slot,
    name,
    path,
    manifestSha256,
    attachedAt: new Date(),
    corpora: corpora.map((c, i) => ({ id: attachedId(slot, i), name: `${name}/${c.corpus}`, ...c })),
    files,
  };
  const known = new Set(attachment.corpora.map((c) => c.corpus));
  const stray = files.find((f) => !known.has(f.corpus));
  if (stray) throw new TokenscopeError(ErrorCode.INVALID_DATASET, `${clip(join(path, stray.path), 300)}: corpus ${excerpt(stray.corpus)} is not in the corpora table`, { path: clip(join(path, stray.path), 300), table: stray.table });
  await versionedTransaction(store.db, async (tx) => {
    await registerAttachment(tx, attachment);
    recordChange(tx, { catalog: true, corpusIds: attachment.corpora.map((c) => c.id) });
  });
  store.attached.use(attachment);
  return attachment;
}

/** Detaches the dataset attached as `name`: its corpora disappear; its files are left as they are. NOT_FOUND when none is. */
export async function detachDataset(store: Store, name: string): Promise<Attachment> {
  const attachment = store.attached.byName(name);
  if (!attachment) {
    const names = store.attached.list().map((a) => a.name);
    throw notFound(`no dataset is attached as ${excerpt(name)}; attached: ${names.map((n) => excerpt(n)).join(', ') || 'none'}`, { name: clip(name) });
  }
  await versionedTransaction(store.db, async (tx) => {
    await unregisterAttachment(tx, attachment.slot);
    recordChange(tx, { catalog: true, corpusIds: attachment.corpora.map((c) => c.id), audiosDeleted: true });
  });
  store.attached.forget(attachment.slot);
  return attachment;
}
