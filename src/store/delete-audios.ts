import type { SqlValue, Transaction } from './database.js';
import { recordChange } from './data-versions.js';
import { toNumber } from './sql-helpers.js';

/**
 * Deletes the audios matching `where` (an SQL condition over `audios` with bound `params`) with
 * their frames, aggregates and stability counts, subtracting their token counts from the corpus pre-aggregates.
 * Runs inside the caller's transaction; returns how many audios went.
 */
export async function deleteAudiosWhere(tx: Transaction, where: string, params: readonly SqlValue[]): Promise<number> {
  const rows = await tx.query(`SELECT id, corpus_id FROM audios WHERE ${where}`, params);
  if (!rows.length) return 0;
  const ids = rows.map((r) => toNumber(r['id']));
  recordChange(tx, { corpusIds: rows.map((r) => toNumber(r['corpus_id'])), audiosDeleted: true });
  await tx.query(
    `UPDATE corpus_token_counts AS c SET count = c.count - d.n
     FROM (SELECT a.corpus_id, a.model, t.layer, t.token, sum(t.count) AS n
           FROM audio_token_counts t JOIN audios a ON a.id = t.audio_id
           WHERE list_contains(?, t.audio_id) GROUP BY ALL) AS d
     WHERE c.corpus_id = d.corpus_id AND c.model = d.model AND c.layer = d.layer AND c.token = d.token`,
    [ids],
  );
  await tx.query('DELETE FROM corpus_token_counts WHERE count = 0');
  for (const table of ['frames', 'audio_token_counts', 'audio_layer_stats', 'labels', 'audio_files', 'stability_layers']) {
    await tx.query(`DELETE FROM ${table} WHERE list_contains(?, audio_id)`, [ids]);
  }
  await tx.query('DELETE FROM audios WHERE list_contains(?, id)', [ids]);
  return ids.length;
}
