import { codeMatrix } from '../domain/code-matrix.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT } from '../domain/contract.js';
import { notFound } from '../errors.js';
import type { Database, SqlRow } from './database.js';
import { deleteAudiosWhere } from './delete-audios.js';
import type { AudioRow } from './rows.js';
import { layerColumn, toNumber } from './sql-helpers.js';

const columns = 'id, corpus_id, model, content_sha256, source_path, source_line, frame_count, text, metadata, ingested_at';
const layerColumns = Array.from({ length: LAYER_COUNT }, (_, i) => layerColumn(i + 1)).join(', ');

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
  };
}

/** Audios (code matrices) and their frames. */
export class AudioRepository {
  constructor(private readonly db: Database) {}

  /** Audios with these ids (missing ids are absent). */
  async findByIds(ids: readonly number[]): Promise<AudioRow[]> {
    if (!ids.length) return [];
    return (await this.db.query(`SELECT ${columns} FROM audios WHERE list_contains(?, id)`, [ids])).map(toAudio);
  }

  /** The audio with this id; NOT_FOUND naming it otherwise. */
  async require(id: number): Promise<AudioRow> {
    const [row] = await this.findByIds([id]);
    if (!row) throw notFound(`audio ${id} does not exist`, { audioId: id });
    return row;
  }

  /** Up to `limit` audios of a corpus in id order, after the audio id `afterId` (exclusive). */
  async listByCorpus(corpusId: number, limit: number, afterId = 0): Promise<AudioRow[]> {
    return (
      await this.db.query(`SELECT ${columns} FROM audios WHERE corpus_id = ? AND id > ? ORDER BY id LIMIT ?`, [corpusId, afterId, limit])
    ).map(toAudio);
  }

  /** Frames [start, start + count) of an audio (clipped to its length) as a CodeMatrix. */
  async window(audioId: number, start: number, count: number): Promise<CodeMatrix> {
    const reader = await this.db.query(
      `SELECT ${layerColumns} FROM frames WHERE audio_id = ? AND frame >= ? AND frame < ? ORDER BY frame`,
      [audioId, start, start + count],
    );
    const tokens = new Uint16Array(reader.length * LAYER_COUNT);
    reader.forEach((row, f) => {
      for (let l = 0; l < LAYER_COUNT; l++) tokens[f * LAYER_COUNT + l] = row[`l${l + 1}`] as number;
    });
    return codeMatrix(tokens);
  }

  /** The whole code matrix of an audio. */
  async matrix(audioId: number): Promise<CodeMatrix> {
    const audio = await this.require(audioId);
    return this.window(audioId, 0, audio.frameCount);
  }

  /** Deletes an audio with its frames and aggregates; NOT_FOUND when there is none. */
  async delete(id: number): Promise<void> {
    const removed = await this.db.transaction((tx) => deleteAudiosWhere(tx, 'id = ?', [id]));
    if (!removed) throw notFound(`audio ${id} does not exist`, { audioId: id });
  }
}
