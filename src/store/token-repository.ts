import type { Database } from './database.js';
import type { ColdTokenRow, TokenOccurrenceRow } from './rows.js';
import { layerColumn, toNumber } from './sql-helpers.js';

/** Arguments of a cold-token search. */
export interface ColdTokenQuery {
  referenceCorpusIds: readonly number[];
  targetCorpusIds: readonly number[];
  layers: readonly number[];
  /** A token is cold when the reference holds it at most this many times (per layer, same model). */
  maxReferenceCount: number;
  limit: number;
}

/** Where tokens occur; cold tokens across corpora. */
export class TokenRepository {
  constructor(private readonly db: Database) {}

  /**
   * Tokens that occur in the target but at most `maxReferenceCount` times in the reference, compared
   * per model and layer; coldest first (lowest reference count, then highest target count).
   */
  async coldTokens(q: ColdTokenQuery): Promise<ColdTokenRow[]> {
    const rows = await this.db.query(
      `WITH target AS (SELECT model, layer, token, sum(count) AS target_count FROM corpus_token_counts
                       WHERE list_contains($1, corpus_id) AND list_contains($3, layer) GROUP BY ALL),
            ref AS (SELECT model, layer, token, sum(count) AS reference_count FROM corpus_token_counts
                    WHERE list_contains($2, corpus_id) AND list_contains($3, layer) GROUP BY ALL),
            ref_models AS (SELECT DISTINCT model FROM audios WHERE list_contains($2, corpus_id)),
            cold AS (SELECT t.model, t.layer, t.token, coalesce(r.reference_count, 0) AS reference_count, t.target_count
                     FROM target t LEFT JOIN ref r USING (model, layer, token)
                     WHERE t.model IN (SELECT model FROM ref_models) AND coalesce(r.reference_count, 0) <= $4
                     ORDER BY reference_count, target_count DESC, layer, token LIMIT $5),
            -- audio_token_counts holds one row per (audio, layer, token), so count(*) counts distinct
            -- audios; count(DISTINCT …) cost a second hash table per group.
            spread AS (SELECT a.model, c.layer, c.token, count(*) AS audio_count
                       FROM audio_token_counts c JOIN audios a ON a.id = c.audio_id
                       JOIN cold k ON k.layer = c.layer AND k.token = c.token AND k.model = a.model
                       WHERE list_contains($1, a.corpus_id) GROUP BY ALL)
       SELECT cold.*, spread.audio_count FROM cold JOIN spread USING (model, layer, token)
       ORDER BY reference_count, target_count DESC, layer, token`,
      [q.targetCorpusIds, q.referenceCorpusIds, q.layers, q.maxReferenceCount, q.limit],
    );
    return rows.map((r) => ({
      model: String(r['model']),
      layer: toNumber(r['layer']),
      token: toNumber(r['token']),
      referenceCount: toNumber(r['reference_count']),
      targetCount: toNumber(r['target_count']),
      audioCount: toNumber(r['audio_count']),
    }));
  }

  /**
   * The first `perToken` places (audio, frame), in audio then frame order, where each (layer, token)
   * occurs in the given corpora; one statement for all keys.
   */
  async occurrences(
    corpusIds: readonly number[],
    keys: readonly { layer: number; token: number }[],
    perToken: number,
  ): Promise<TokenOccurrenceRow[]> {
    if (!keys.length) return [];
    const byLayer = new Map<number, number[]>();
    for (const k of keys) byLayer.set(k.layer, [...(byLayer.get(k.layer) ?? []), k.token]);
    const params: (readonly number[] | number)[] = [corpusIds];
    const parts = [...byLayer].map(([layer, tokens]) => {
      params.push(tokens);
      // IN (SELECT unnest(…)) is a hash semi-join; list_contains searched the list once per frame
      // and made this scan of every frame 2–3× slower.
      return `SELECT ${layer} AS layer, ${layerColumn(layer)} AS token, f.audio_id, f.frame FROM frames f
              JOIN audios a ON a.id = f.audio_id
              WHERE a.corpus_id IN (SELECT unnest($1)) AND ${layerColumn(layer)} IN (SELECT unnest($${params.length}))`;
    });
    params.push(perToken);
    const rows = await this.db.query(
      `SELECT layer, token, audio_id, frame FROM (
         SELECT *, row_number() OVER (PARTITION BY layer, token ORDER BY audio_id, frame) AS rank
         FROM (${parts.join(' UNION ALL ')}))
       WHERE rank <= $${params.length} ORDER BY layer, token, rank`,
      params,
    );
    return rows.map((r) => ({
      layer: toNumber(r['layer']),
      token: toNumber(r['token']),
      audioId: toNumber(r['audio_id']),
      frame: toNumber(r['frame']),
    }));
  }
}
