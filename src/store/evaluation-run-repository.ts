import { notFound } from '../errors.js';
import type { AttachedDatasets } from './attached-datasets.js';
import { attachedId, isAttachedId, splitAttachedId } from './attached-ids.js';
import { remapRunReport } from './remap-run.js';
import type { Database, SqlRow } from './database.js';
import { recordChange, versionedTransaction } from './data-versions.js';
import type { EvaluationRunRow } from './rows.js';
import { toNumber } from './sql-helpers.js';

const columns = 'id, corpus_id, created_at, name, spec, report';

function toRun(r: SqlRow): EvaluationRunRow {
  const corpusId = toNumber(r['corpus_id']);
  const report = JSON.parse(String(r['report'])) as Record<string, unknown>;
  let slot: number | null = null;
  if (isAttachedId(corpusId)) slot = splitAttachedId(corpusId).slot;
  return {
    id: toNumber(r['id']),
    corpusId,
    createdAt: r['created_at'] as Date,
    name: (r['name'] as string | null) ?? null,
    spec: JSON.parse(String(r['spec'])) as Record<string, unknown>,
    // An attached dataset's run names its audios by audio_key: moved to the attached audio ids, as an import moves them to new ones.
    report: slot === null ? report : remapRunReport(report, (key) => attachedId(slot, key)),
  };
}

/** Evaluation runs (detector comparisons) of a corpus, stored whole once they succeeded. */
export class EvaluationRunRepository {
  constructor(
    private readonly db: Database,
    private readonly attached: AttachedDatasets,
  ) {}

  /** READ_ONLY_CORPUS when `corpusId` is attached: a run is stored with a native corpus only. */
  requireWritable(corpusId: number): void {
    this.attached.refuseWrites(corpusId, 'storing an evaluation run');
  }

  /** Stores a finished run; spec and report must be JSON-safe (no NaN, no typed arrays). */
  async create(corpusId: number, name: string | null, spec: Record<string, unknown>, report: Record<string, unknown>): Promise<EvaluationRunRow> {
    this.requireWritable(corpusId);
    const rows = await versionedTransaction(this.db, (tx) => {
      recordChange(tx, { corpusIds: [corpusId] });
      return tx.query(`INSERT INTO evaluation_runs (corpus_id, name, spec, report) VALUES (?, ?, ?, ?) RETURNING ${columns}`, [
        corpusId,
        name,
        JSON.stringify(spec),
        JSON.stringify(report),
      ]);
    });
    return toRun(rows[0]!);
  }

  /** Runs, newest first (those of attached datasets, whose ids are above the native ones, first); only those of `corpusId` when given. */
  async list(corpusId?: number): Promise<EvaluationRunRow[]> {
    const from =
      corpusId === undefined
        ? await this.attached.relation('evaluation_runs', { corpusIds: this.attached.corpora().map((c) => c.id), includeNative: true })
        : await this.attached.relation('evaluation_runs', { corpusIds: [corpusId] });
    const rows =
      corpusId === undefined
        ? await this.db.query(`SELECT ${columns} FROM ${from} ORDER BY id DESC`)
        : await this.db.query(`SELECT ${columns} FROM ${from} WHERE corpus_id = ? ORDER BY id DESC`, [corpusId]);
    return rows.map(toRun);
  }

  /** The run with this id (an attached dataset's too); NOT_FOUND naming it otherwise. */
  async require(id: number): Promise<EvaluationRunRow> {
    const dataset = this.attached.datasetOf(id);
    const from = dataset ? await this.attached.relation('evaluation_runs', { corpusIds: dataset.corpora.map((c) => c.id) }) : 'evaluation_runs';
    const rows = await this.db.query(`SELECT ${columns} FROM ${from} WHERE id = ?`, [id]);
    if (!rows.length) throw notFound(`evaluation run ${id} does not exist`, { evaluationRunId: id });
    return toRun(rows[0]!);
  }

  /** READ_ONLY_CORPUS for a run of an attached dataset (NOT_FOUND when there is none). */
  private async refuseAttached(id: number, what: string): Promise<void> {
    if (isAttachedId(id)) this.attached.refuseWrites((await this.require(id)).corpusId, what);
  }

  /**
   * Rewrites a run's report in one transaction: `change` receives the stored report and returns the
   * new one (JSON-safe), or throws to leave it as it was. NOT_FOUND when there is no such run.
   */
  async updateReport(id: number, change: (report: Record<string, unknown>) => Record<string, unknown>): Promise<EvaluationRunRow> {
    await this.refuseAttached(id, `changing evaluation run ${id}`);
    const rows = await versionedTransaction(this.db, async (tx) => {
      const current = await tx.query(`SELECT ${columns} FROM evaluation_runs WHERE id = ?`, [id]);
      if (!current.length) throw notFound(`evaluation run ${id} does not exist`, { evaluationRunId: id });
      const run = toRun(current[0]!);
      recordChange(tx, { corpusIds: [run.corpusId] });
      return tx.query(`UPDATE evaluation_runs SET report = ? WHERE id = ? RETURNING ${columns}`, [JSON.stringify(change(run.report)), id]);
    });
    return toRun(rows[0]!);
  }

  /** Deletes a run; NOT_FOUND when there is none. */
  async delete(id: number): Promise<void> {
    await this.refuseAttached(id, `deleting evaluation run ${id}`);
    const rows = await versionedTransaction(this.db, async (tx) => {
      const deleted = await tx.query('DELETE FROM evaluation_runs WHERE id = ? RETURNING corpus_id', [id]);
      recordChange(tx, { corpusIds: deleted.map((r) => toNumber(r['corpus_id'])) });
      return deleted;
    });
    if (!rows.length) throw notFound(`evaluation run ${id} does not exist`, { evaluationRunId: id });
  }
}
