import { ErrorCode, TokenscopeError, notFound } from '../errors.js';
import type { AttachedCorpus, AttachedDatasets } from './attached-datasets.js';
import { isAttachedId } from './attached-ids.js';
import type { Database, SqlRow, Transaction } from './database.js';
import { recordChange, versionedTransaction } from './data-versions.js';
import type { CorpusRow, CorpusSummaryRow } from './rows.js';
import { toNumber } from './sql-helpers.js';
import { deleteAudiosWhere } from './delete-audios.js';
import { clip, excerpt } from '../jsutils/excerpt.js';

function toCorpus(r: SqlRow): CorpusRow {
  return {
    id: toNumber(r['id']),
    name: String(r['name']),
    description: (r['description'] as string | null) ?? null,
    createdAt: r['created_at'] as Date,
  };
}

const columns = 'id, name, description, created_at';

function attachedRow(c: AttachedCorpus, attached: AttachedDatasets): CorpusRow {
  const dataset = attached.datasetOf(c.id)!;
  return { id: c.id, name: c.name, description: c.description, createdAt: c.createdAt, attached: { dataset: dataset.name, path: dataset.path } };
}

/** Corpora: named collections of audios. */
export class CorpusRepository {
  constructor(
    private readonly db: Database,
    private readonly attached: AttachedDatasets,
  ) {}

  /** READ_ONLY_CORPUS when `name` is an attached corpus: `what` (a write) needs a native one. */
  requireWritable(name: string, what: string): void {
    this.attached.refuseWrites(name, what);
  }

  /** Creates a corpus; ALREADY_EXISTS when the name is taken. */
  async create(name: string, description: string | null = null): Promise<CorpusRow> {
    if (this.attached.corpus(name)) throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `corpus ${excerpt(name)} already exists (attached read-only)`, { corpus: clip(name) });
    return versionedTransaction(this.db, async (tx) => {
      const existing = await tx.query('SELECT id FROM corpora WHERE name = ?', [name]);
      if (existing.length) throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `corpus ${excerpt(name)} already exists`, { corpus: clip(name) });
      const rows = await tx.query(`INSERT INTO corpora (name, description) VALUES (?, ?) RETURNING ${columns}`, [name, description]);
      recordChange(tx, { catalog: true });
      return toCorpus(rows[0]!);
    });
  }

  /** Returns the corpus named `name`, creating it inside `tx` (a versionedTransaction) when absent. */
  async ensureIn(tx: Transaction, name: string): Promise<CorpusRow> {
    this.attached.refuseWrites(name, 'storing audios');
    const rows = await tx.query(`SELECT ${columns} FROM corpora WHERE name = ?`, [name]);
    if (rows.length) return toCorpus(rows[0]!);
    const created = await tx.query(`INSERT INTO corpora (name) VALUES (?) RETURNING ${columns}`, [name]);
    recordChange(tx, { catalog: true });
    return toCorpus(created[0]!);
  }

  /** All corpora by name, native and attached (code-point order, as DuckDB sorts). */
  async list(): Promise<CorpusRow[]> {
    const native = (await this.db.query(`SELECT ${columns} FROM corpora ORDER BY name`)).map(toCorpus);
    const attached = this.attached.corpora().map((c) => attachedRow(c, this.attached));
    if (!attached.length) return native;
    return [...native, ...attached].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Corpora with these names (missing names are simply absent). */
  async findByNames(names: readonly string[]): Promise<CorpusRow[]> {
    if (!names.length) return [];
    const attached = names.flatMap((n) => {
      const c = this.attached.corpus(n);
      return c ? [attachedRow(c, this.attached)] : [];
    });
    const native = names.filter((n) => !this.attached.corpus(n));
    if (!native.length) return attached;
    return [...(await this.db.query(`SELECT ${columns} FROM corpora WHERE list_contains(?, name)`, [native])).map(toCorpus), ...attached];
  }

  /** Corpora with these ids. */
  async findByIds(ids: readonly number[]): Promise<CorpusRow[]> {
    if (!ids.length) return [];
    const attached = ids.flatMap((id) => {
      const c = this.attached.corpus(id);
      return c ? [attachedRow(c, this.attached)] : [];
    });
    const native = ids.filter((id) => !isAttachedId(id));
    if (!native.length) return attached;
    return [...(await this.db.query(`SELECT ${columns} FROM corpora WHERE list_contains(?, id)`, [native])).map(toCorpus), ...attached];
  }

  /** The corpora named, in the order given; NOT_FOUND naming the first unknown one. */
  async requireByNames(names: readonly string[]): Promise<CorpusRow[]> {
    const found = new Map((await this.findByNames(names)).map((c) => [c.name, c]));
    return names.map((n) => {
      const c = found.get(n);
      if (!c) throw notFound(`corpus ${excerpt(n)} does not exist`, { corpus: clip(n) });
      return c;
    });
  }

  /** Audio count, frame count and models of each corpus id, one statement for all. */
  async summaries(ids: readonly number[]): Promise<CorpusSummaryRow[]> {
    if (!ids.length) return [];
    const audios = await this.attached.relation('audios', { corpusIds: ids });
    const rows = await this.db.query(
      // Grouping by (corpus, model) first leaves a plain list() to build; list(DISTINCT … ORDER BY …)
      // over every audio row was the slowest part of small queries such as `corpora`.
      `SELECT corpus_id, sum(audios) AS audios, coalesce(sum(frames), 0) AS frames, list(model ORDER BY model) AS models FROM (
         SELECT corpus_id, model, count(*) AS audios, sum(frame_count) AS frames FROM ${audios} WHERE list_contains(?, corpus_id) GROUP BY corpus_id, model)
       GROUP BY corpus_id`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [toNumber(r['corpus_id']), r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return {
        corpusId: id,
        audioCount: r ? toNumber(r['audios']) : 0,
        frameCount: r ? toNumber(r['frames']) : 0,
        models: r ? (r['models'] as string[]) : [],
      };
    });
  }

  /**
   * A fingerprint of a corpus's matrices of one model and their labels: it changes when an audio
   * is added or removed or its labels change, so fitted detector models can be cached under it.
   */
  async fingerprint(corpusId: number, model: string): Promise<string> {
    const audios = await this.attached.relation('audios', { corpusIds: [corpusId] });
    const labels = await this.attached.relation('labels', { corpusIds: [corpusId] });
    const rows = await this.db.query(
      `SELECT count(*) AS audios, coalesce(max(a.id), 0) AS max_id, coalesce(sum(a.id), 0) AS id_sum, coalesce(sum(a.frame_count), 0) AS frames,
              (SELECT count(*) || ':' || coalesce(sum(hash(l.audio_id, l.start_seconds, l.end_seconds, l.label) % 1000000007), 0)
               FROM ${labels} l JOIN ${audios} b ON b.id = l.audio_id WHERE b.corpus_id = ? AND b.model = ?) AS labels
       FROM ${audios} a WHERE a.corpus_id = ? AND a.model = ?`,
      [corpusId, model, corpusId, model],
    );
    const r = rows[0]!;
    return `${model}|${toNumber(r['audios'])}|${toNumber(r['max_id'])}|${toNumber(r['id_sum'])}|${toNumber(r['frames'])}|${String(r['labels'])}`;
  }

  /** Deletes a corpus with all its audios, codes, aggregates, evaluation runs and stability runs; returns the audios removed. */
  async delete(name: string): Promise<number> {
    this.attached.refuseWrites(name, 'deleting (tokenscope detach removes the whole dataset)');
    return versionedTransaction(this.db, async (tx) => {
      const rows = await tx.query('SELECT id FROM corpora WHERE name = ?', [name]);
      if (!rows.length) throw notFound(`corpus ${excerpt(name)} does not exist`, { corpus: clip(name) });
      const id = toNumber(rows[0]!['id']);
      recordChange(tx, { corpusIds: [id], catalog: true });
      const removed = await deleteAudiosWhere(tx, 'corpus_id = ?', [id]);
      await tx.query('DELETE FROM corpus_token_counts WHERE corpus_id = ?', [id]);
      await tx.query('DELETE FROM evaluation_runs WHERE corpus_id = ?', [id]);
      await tx.query('DELETE FROM stability_layers WHERE run_id IN (SELECT id FROM stability_runs WHERE corpus_id = ?)', [id]);
      await tx.query('DELETE FROM stability_runs WHERE corpus_id = ?', [id]);
      await tx.query('DELETE FROM corpora WHERE id = ?', [id]);
      return removed;
    });
  }
}
