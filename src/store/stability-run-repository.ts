import type { Database, SqlRow, SqlValue } from './database.js';
import { recordChange, versionedTransaction } from './data-versions.js';
import type { AudioStabilityRow, StabilityLayerRow, StabilityRunRow } from './rows.js';
import { toNumber } from './sql-helpers.js';

/** One run to store: what was measured, by which encoder, what was skipped, and each audio's layers. */
export interface NewStabilityRun {
  corpusId: number;
  model: string;
  modelSha256: string;
  /** Canonical perturbation key. */
  perturbation: string;
  audiosWithoutSource: number;
  audiosSourceMissing: number;
  audiosOtherEncoder: number;
  audios: readonly { audioId: number; layers: readonly StabilityLayerRow[] }[];
}

/** Which runs a read returns: those of a perturbation key and/or a model when given. */
export interface StabilityFilter {
  perturbation?: string | null;
  model?: string | null;
}

const runColumns = 'r.id, r.corpus_id, r.model, r.model_sha256, r.perturbation, r.created_at, r.audios_without_source, r.audios_source_missing, r.audios_other_encoder';

function toLayer(r: SqlRow): StabilityLayerRow {
  return { layer: toNumber(r['layer']), frames: toNumber(r['frames']), agreeing: toNumber(r['agreeing']), edits: toNumber(r['edits']), units: toNumber(r['units']) };
}

/** `AND …` conditions over stability_runs r for a filter, with their parameters. */
function filterSql(filter: StabilityFilter): { sql: string; params: SqlValue[] } {
  let sql = '';
  const params: SqlValue[] = [];
  if (filter.perturbation != null) {
    sql += ' AND r.perturbation = ?';
    params.push(filter.perturbation);
  }
  if (filter.model != null) {
    sql += ' AND r.model = ?';
    params.push(filter.model);
  }
  return { sql, params };
}

/** Token stability runs of corpora and their per-audio, per-layer counts. */
export class StabilityRunRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores runs in one transaction, each replacing the stored run of the same (corpus, model,
   * perturbation) with its counts; returns the new run ids in the order given.
   */
  async replace(runs: readonly NewStabilityRun[]): Promise<number[]> {
    if (!runs.length) return [];
    return versionedTransaction(this.db, async (tx) => {
      recordChange(tx, { corpusIds: runs.map((r) => r.corpusId) });
      const ids: number[] = [];
      for (const run of runs) {
        const old = await tx.query('SELECT id FROM stability_runs WHERE corpus_id = ? AND model = ? AND perturbation = ?', [run.corpusId, run.model, run.perturbation]);
        const oldIds = old.map((r) => toNumber(r['id']));
        if (oldIds.length) {
          await tx.query('DELETE FROM stability_layers WHERE list_contains(?, run_id)', [oldIds]);
          await tx.query('DELETE FROM stability_runs WHERE list_contains(?, id)', [oldIds]);
        }
        const [row] = await tx.query(
          `INSERT INTO stability_runs (corpus_id, model, model_sha256, perturbation, audios_without_source, audios_source_missing, audios_other_encoder)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [run.corpusId, run.model, run.modelSha256, run.perturbation, run.audiosWithoutSource, run.audiosSourceMissing, run.audiosOtherEncoder],
        );
        const id = toNumber(row!['id']);
        ids.push(id);
        const appender = await tx.appender('stability_layers');
        try {
          for (const audio of run.audios) {
            for (const l of audio.layers) {
              appender.appendUInteger(id);
              appender.appendUInteger(audio.audioId);
              appender.appendUTinyInt(l.layer);
              appender.appendUInteger(l.frames);
              appender.appendUInteger(l.agreeing);
              appender.appendUInteger(l.edits);
              appender.appendUInteger(l.units);
              appender.endRow();
            }
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      }
      return ids;
    });
  }

  /** A corpus's runs (by perturbation, then model), each with its layers summed over its audios in SQL. */
  async list(corpusId: number, filter: StabilityFilter = {}): Promise<StabilityRunRow[]> {
    const where = filterSql(filter);
    const runs = await this.db.query(
      `SELECT ${runColumns}, (SELECT count(DISTINCT s.audio_id) FROM stability_layers s WHERE s.run_id = r.id) AS audios
       FROM stability_runs r WHERE r.corpus_id = ?${where.sql} ORDER BY r.perturbation, r.model, r.id`,
      [corpusId, ...where.params],
    );
    if (!runs.length) return [];
    const ids = runs.map((r) => toNumber(r['id']));
    const sums = await this.db.query(
      `SELECT run_id, layer, sum(frames) AS frames, sum(agreeing) AS agreeing, sum(edits) AS edits, sum(units) AS units
       FROM stability_layers WHERE list_contains(?, run_id) GROUP BY run_id, layer ORDER BY run_id, layer`,
      [ids],
    );
    const layers = new Map<number, StabilityLayerRow[]>();
    for (const s of sums) {
      const id = toNumber(s['run_id']);
      layers.set(id, [...(layers.get(id) ?? []), toLayer(s)]);
    }
    return runs.map((r) => ({
      id: toNumber(r['id']),
      corpusId: toNumber(r['corpus_id']),
      model: String(r['model']),
      modelSha256: String(r['model_sha256']),
      perturbation: String(r['perturbation']),
      createdAt: r['created_at'] as Date,
      audios: toNumber(r['audios']),
      audiosWithoutSource: toNumber(r['audios_without_source']),
      audiosSourceMissing: toNumber(r['audios_source_missing']),
      audiosOtherEncoder: toNumber(r['audios_other_encoder']),
      layers: layers.get(toNumber(r['id'])) ?? [],
    }));
  }

  /** Each audio's measurements in every stored run that measured it (by audio, then perturbation, then model), in one statement. */
  async forAudios(audioIds: readonly number[], filter: StabilityFilter = {}): Promise<AudioStabilityRow[]> {
    if (!audioIds.length) return [];
    const where = filterSql(filter);
    const rows = await this.db.query(
      `SELECT ${runColumns}, s.audio_id, s.layer, s.frames, s.agreeing, s.edits, s.units
       FROM stability_layers s JOIN stability_runs r ON r.id = s.run_id
       WHERE list_contains(?, s.audio_id)${where.sql} ORDER BY s.audio_id, r.perturbation, r.model, r.id, s.layer`,
      [audioIds, ...where.params],
    );
    const out: AudioStabilityRow[] = [];
    for (const r of rows) {
      const runId = toNumber(r['id']);
      const audioId = toNumber(r['audio_id']);
      let last = out.at(-1);
      if (last?.runId !== runId || last.audioId !== audioId) {
        last = { runId, audioId, model: String(r['model']), modelSha256: String(r['model_sha256']), perturbation: String(r['perturbation']), createdAt: r['created_at'] as Date, layers: [] };
        out.push(last);
      }
      last.layers.push(toLayer(r));
    }
    return out;
  }
}
