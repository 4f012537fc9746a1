import { codeMatrix } from '../domain/code-matrix.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT } from '../domain/contract.js';
import { notFound } from '../errors.js';
import type { AttachedDatasets } from './attached-datasets.js';
import { isAttachedId } from './attached-ids.js';
import type { Database, SqlRow } from './database.js';
import { deleteAudiosWhere } from './delete-audios.js';
import { recordChange, versionedTransaction } from './data-versions.js';
import type { LabelSpan } from '../labels/audacity-labels.js';
import type { FileIdentity } from './matrix-writer.js';
import type { AudioRow } from './rows.js';
import { LAYER_COLUMNS, toNumber } from './sql-helpers.js';

const columns =
  'id, corpus_id, model, content_sha256, source_path, source_line, frame_count, text, metadata, ingested_at, source_kind, model_sha256, source_format, source_sample_rate, source_channels, source_samples';
const layerColumns = LAYER_COLUMNS.join(', ');

function toAudio(r: SqlRow): AudioRow {
  return {
    id: toNumber(r['id']),
    corpusId: toNumber(r['corpus_id']),
    model: String(r['model']),
    contentSha256: String(r['content_sha256']),
    sourcePath: String(r['source_path']),
    sourceLine: r['source_line'] === null ? null : toNumber(r['source_line']),
    frameCount: toNumber(r['frame_count']),
    text: (r['text'] as string | null) ?? null,
    metadata: JSON.parse(String(r['metadata'])) as Record<string, string>,
    ingestedAt: r['ingested_at'] as Date,
    sourceKind: r['source_kind'] === 'audio' ? 'audio' : 'codes',
    modelSha256: (r['model_sha256'] as string | null) ?? null,
    audioSource:
      r['source_kind'] === 'audio'
        ? { format: String(r['source_format']), sampleRate: toNumber(r['source_sample_rate']), channels: toNumber(r['source_channels']), samples24k: toNumber(r['source_samples']) }
        : null,
  };
}

/** Audios (code matrices) and their frames. */
export class AudioRepository {
  constructor(
    private readonly db: Database,
    private readonly attached: AttachedDatasets,
  ) {}

  /** Audios with these ids (missing ids are absent). */
  async findByIds(ids: readonly number[]): Promise<AudioRow[]> {
    if (!ids.length) return [];
    const source = await this.attached.relation('audios', { audioIds: ids });
    return (await this.db.query(`SELECT ${columns} FROM ${source} WHERE list_contains(?, id)`, [ids])).map(toAudio);
  }

  /** READ_ONLY_CORPUS naming the corpus when one of `audioIds` belongs to an attached one (`what`: the write refused). */
  private async refuseAttached(audioIds: Iterable<number>, what: string): Promise<void> {
    const attached = [...audioIds].filter(isAttachedId);
    if (!attached.length) return;
    for (const audio of await this.findByIds(attached)) this.attached.refuseWrites(audio.corpusId, `${what} (audio ${audio.id})`);
    throw notFound(`audio ${attached[0]} does not exist (its dataset is no longer attached)`, { audioId: attached[0] });
  }

  /** Size and modification time of an audio's source file at ingest (audio_files), or null when not recorded. */
  async fileIdentity(audioId: number): Promise<FileIdentity | null> {
    const [row] = await this.db.query('SELECT size_bytes, mtime_ms FROM audio_files WHERE audio_id = ?', [audioId]);
    return row ? { sizeBytes: toNumber(row['size_bytes']), mtimeMs: Number(row['mtime_ms']) } : null;
  }

  /** Id of the audio stored in a corpus under this model and content hash, or null. */
  async findByIdentity(corpusId: number, model: string, contentSha256: string): Promise<number | null> {
    const source = await this.attached.relation('audios', { corpusIds: [corpusId] });
    const rows = await this.db.query(`SELECT id FROM ${source} WHERE corpus_id = ? AND model = ? AND content_sha256 = ?`, [corpusId, model, contentSha256]);
    return rows.length ? toNumber(rows[0]!['id']) : null;
  }

  /** The audio with this id; NOT_FOUND naming it otherwise. */
  async require(id: number): Promise<AudioRow> {
    const [row] = await this.findByIds([id]);
    if (!row) throw notFound(`audio ${id} does not exist`, { audioId: id });
    return row;
  }

  /** The folders that audios encoded here from files were read from, each with how many audios came from it. */
  async sourceFolders(): Promise<{ folder: string; audios: number }[]> {
    const rows = await this.db.query(
      `SELECT regexp_replace(source_path, '/[^/]*$', '') AS folder, count(*) AS audios FROM audios WHERE source_kind = 'audio' GROUP BY folder ORDER BY folder`,
    );
    return rows.map((r) => ({ folder: String(r['folder']), audios: toNumber(r['audios']) }));
  }

  /** Up to `limit` audios of a corpus in id order, after the audio id `afterId` (exclusive). */
  async listByCorpus(corpusId: number, limit: number, afterId = 0): Promise<AudioRow[]> {
    const source = await this.attached.relation('audios', { corpusIds: [corpusId] });
    return (
      await this.db.query(`SELECT ${columns} FROM ${source} WHERE corpus_id = ? AND id > ? ORDER BY id LIMIT ?`, [corpusId, afterId, limit])
    ).map(toAudio);
  }

  /** Frames [start, start + count) of an audio (clipped to its length) as a CodeMatrix. */
  async window(audioId: number, start: number, count: number): Promise<CodeMatrix> {
    // Column vectors are copied straight into frame-major arrays: a one-hour matrix is 45,000 rows,
    // and building a JS object per row cost more than the query itself.
    const parts: Uint16Array[] = [];
    const source = await this.attached.relation('frames', { audioIds: [audioId] });
    const rows = await this.db.readChunks(
      `SELECT ${layerColumns} FROM ${source} WHERE audio_id = ? AND frame >= ? AND frame < ? ORDER BY frame`,
      [audioId, start, start + count],
      (chunk) => {
        const n = chunk.rowCount; // a native call: read it once, not per row
        const part = new Uint16Array(n * LAYER_COUNT);
        for (let l = 0; l < LAYER_COUNT; l++) {
          const column = chunk.getColumnVector(l);
          for (let r = 0, i = l; r < n; r++, i += LAYER_COUNT) part[i] = column.getItem(r) as number;
        }
        parts.push(part);
      },
    );
    const tokens = new Uint16Array(rows * LAYER_COUNT);
    let offset = 0;
    for (const part of parts) {
      tokens.set(part, offset);
      offset += part.length;
    }
    return codeMatrix(tokens);
  }

  /** The whole code matrix of an audio. */
  async matrix(audioId: number): Promise<CodeMatrix> {
    const audio = await this.require(audioId);
    return this.window(audioId, 0, audio.frameCount);
  }

  /** Labels of many audios in one statement, by audio id, in start order. */
  async labels(audioIds: readonly number[]): Promise<Map<number, LabelSpan[]>> {
    const out = new Map<number, LabelSpan[]>();
    if (!audioIds.length) return out;
    const source = await this.attached.relation('labels', { audioIds });
    const rows = await this.db.query(`SELECT audio_id, start_seconds, end_seconds, label FROM ${source} WHERE list_contains(?, audio_id) ORDER BY audio_id, start_seconds, end_seconds, label`, [audioIds]);
    for (const r of rows) {
      const id = toNumber(r['audio_id']);
      out.set(id, [...(out.get(id) ?? []), { start: toNumber(r['start_seconds']), end: toNumber(r['end_seconds']), label: String(r['label']) }]);
    }
    return out;
  }

  /** Replaces the labels of several audios in one transaction (an audio given no spans loses its labels). */
  async replaceLabels(labels: ReadonlyMap<number, readonly LabelSpan[]>): Promise<void> {
    if (!labels.size) return;
    await this.refuseAttached(labels.keys(), 'setting labels');
    await versionedTransaction(this.db, async (tx) => {
      const corpora = await tx.query('SELECT DISTINCT corpus_id FROM audios WHERE list_contains(?, id)', [[...labels.keys()]]);
      recordChange(tx, { corpusIds: corpora.map((r) => toNumber(r['corpus_id'])) });
      await tx.query('DELETE FROM labels WHERE list_contains(?, audio_id)', [[...labels.keys()]]);
      const appender = await tx.appender('labels');
      try {
        for (const [audioId, spans] of labels) {
          for (const l of spans) {
            appender.appendUInteger(audioId);
            appender.appendDouble(l.start);
            appender.appendDouble(l.end);
            appender.appendVarchar(l.label);
            appender.endRow();
          }
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    });
  }

  /** Deletes an audio with its frames and aggregates; NOT_FOUND when there is none. */
  async delete(id: number): Promise<void> {
    await this.refuseAttached([id], 'deleting');
    const removed = await versionedTransaction(this.db, (tx) => deleteAudiosWhere(tx, 'id = ?', [id]));
    if (!removed) throw notFound(`audio ${id} does not exist`, { audioId: id });
  }
}
