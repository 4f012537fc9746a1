import { notFound } from '../errors.js';
import type { AttachedDatasets } from './attached-datasets.js';
import type { Database, SqlRow } from './database.js';
import { recordChange, versionedTransaction } from './data-versions.js';
import type { EvaluationRunRow } from './rows.js';
import { toNumber } from './sql-helpers.js';

const columns = 'id, corpus_id, created_at, name, spec, report';

function toRun(r: SqlRow): EvaluationRunRow {
  return {
    id: toNumber(r['id']),
    corpusId: toNumber(r['corpus_id']),
    createdAt: r['created_at'] as Date,
    name: (r['name'] as string | null) ?? null,
    spec: JSON.parse(String(r['spec'])) as Record<string, unknown>,
    report: JSON.parse(String(r['report'])) as Record<string, unknown>,
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

  /** Runs, newest first; only those of `corpusId` when given. */
  async list(corpusId?: number): Promise<EvaluationRunRow[]> {
    const rows =
      corpusId === undefined
        ? await this.db.query(`SELECT ${columns} FROM evaluation_runs ORDER BY id DESC`)
        : await this.db.query(`SELECT ${columns} FROM evaluation_runs WHERE corpus_id = ? ORDER BY id DESC`, [corpusId]);
    return rows.map(toRun);
  }

  /** The run with this id; NOT_FOUND naming it otherwise. */
  async require(id: number): Promise<EvaluationRunRow> {
    const rows = await this.db.query(`SELECT ${columns} FROM evaluation_runs WHERE id = ?`, [id]);
    if (!rows.length) throw notFound(`evaluation run ${id} does not exist`, { evaluationRunId: id });
    return toRun(rows[0]!);
  }

  /**
   * Rewrites a run's report in one transaction: `change` receives the stored report and returns the
   * new one (JSON-safe), or throws to leave it as it was. NOT_FOUND when there is no such run.
   */
  async updateReport(id: number, change: (report: Record<string, unknown>) => Record<string, unknown>): Promise<EvaluationRunRow> {
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
    const rows = await versionedTransaction(this.db, async (tx) => {
      const deleted = await tx.query('DELETE FROM evaluation_runs WHERE id = ? RETURNING corpus_id', [id]);
      recordChange(tx, { corpusIds: deleted.map((r) => toNumber(r['corpus_id'])) });
      return deleted;
    });
    if (!rows.length) throw notFound(`evaluation run ${id} does not exist`, { evaluationRunId: id });
  }
}
