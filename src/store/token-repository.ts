import type { AttachedDatasets } from './attached-datasets.js';
import type { Database } from './database.js';
import type { BigramRow, ColdTokenRow, TokenCorpusCountRow, TokenOccurrenceRow } from './rows.js';
import { layerColumn, toNumber } from './sql-helpers.js';

/** Arguments of a cold-token search. */
export interface ColdTokenQuery {
  referenceCorpusIds: readonly number[];
  targetCorpusIds: readonly number[];
  layers: readonly number[];
  /** A token is cold when the reference holds it at most this many times (per layer, same model). */
  maxReferenceCount: number;
  limit: number;
  /** Cold tokens skipped first, in the coldest-first order (paging). */
  offset?: number;
}

/** Where one (layer, token) is searched: corpora, optionally one model's matrices. */
export interface TokenSearchScope {
  corpusIds: readonly number[];
  model?: string | undefined;
  layer: number;
  token: number;
}

/** Where tokens occur; cold tokens across corpora. */
export class TokenRepository {
  constructor(
    private readonly db: Database,
    private readonly attached: AttachedDatasets,
  ) {}

  /**
   * Tokens that occur in the target but at most `maxReferenceCount` times in the reference, compared
   * per model and layer; coldest first (lowest reference count, then highest target count).
   */
  async coldTokens(q: ColdTokenQuery): Promise<ColdTokenRow[]> {
    const targetCounts = await this.attached.relation('corpus_token_counts', { corpusIds: q.targetCorpusIds });
    const refCounts = await this.attached.relation('corpus_token_counts', { corpusIds: q.referenceCorpusIds });
    const refAudios = await this.attached.relation('audios', { corpusIds: q.referenceCorpusIds });
    const targetAudios = await this.attached.relation('audios', { corpusIds: q.targetCorpusIds });
    const targetAudioCounts = await this.attached.relation('audio_token_counts', { corpusIds: q.targetCorpusIds });
    const rows = await this.db.query(
      `WITH target AS (SELECT model, layer, token, sum(count) AS target_count FROM ${targetCounts}
                       WHERE list_contains($1, corpus_id) AND list_contains($3, layer) GROUP BY ALL),
            ref AS (SELECT model, layer, token, sum(count) AS reference_count FROM ${refCounts}
                    WHERE list_contains($2, corpus_id) AND list_contains($3, layer) GROUP BY ALL),
            ref_models AS (SELECT DISTINCT model FROM ${refAudios} WHERE list_contains($2, corpus_id)),
            cold AS (SELECT t.model, t.layer, t.token, coalesce(r.reference_count, 0) AS reference_count, t.target_count
                     FROM target t LEFT JOIN ref r USING (model, layer, token)
                     WHERE t.model IN (SELECT model FROM ref_models) AND coalesce(r.reference_count, 0) <= $4
                     ORDER BY reference_count, target_count DESC, layer, token, model LIMIT $5 OFFSET $6),
            -- audio_token_counts holds one row per (audio, layer, token), so count(*) counts distinct
            -- audios; count(DISTINCT …) cost a second hash table per group.
            spread AS (SELECT a.model, c.layer, c.token, count(*) AS audio_count
                       FROM ${targetAudioCounts} c JOIN ${targetAudios} a ON a.id = c.audio_id
                       JOIN cold k ON k.layer = c.layer AND k.token = c.token AND k.model = a.model
                       WHERE list_contains($1, a.corpus_id) GROUP BY ALL)
       SELECT cold.*, spread.audio_count FROM cold JOIN spread USING (model, layer, token)
       ORDER BY reference_count, target_count DESC, layer, token, model`,
      [q.targetCorpusIds, q.referenceCorpusIds, q.layers, q.maxReferenceCount, q.limit, q.offset ?? 0],
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
    const frames = await this.attached.relation('frames', { corpusIds });
    const audios = await this.attached.relation('audios', { corpusIds });
    const params: (readonly number[] | number)[] = [corpusIds];
    const parts = [...byLayer].map(([layer, tokens]) => {
      params.push(tokens);
      // IN (SELECT unnest(…)) is a hash semi-join; list_contains searched the list once per frame
      // and made this scan of every frame 2–3× slower.
      return `SELECT ${layer} AS layer, ${layerColumn(layer)} AS token, f.audio_id, f.frame FROM ${frames} f
              JOIN ${audios} a ON a.id = f.audio_id
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

  /**
   * Per corpus: how often a (layer, token) occurs and in how many audios, summed from the per-audio
   * token counts written at ingest (no frame is read). Corpora without it are left out.
   */
  async corpusCounts(q: TokenSearchScope): Promise<TokenCorpusCountRow[]> {
    const counts = await this.attached.relation('audio_token_counts', { corpusIds: q.corpusIds });
    const audios = await this.attached.relation('audios', { corpusIds: q.corpusIds });
    const rows = await this.db.query(
      `SELECT a.corpus_id, sum(c.count) AS count, count(*) AS audio_count
       FROM ${counts} c JOIN ${audios} a ON a.id = c.audio_id
       WHERE c.layer = $1 AND c.token = $2 AND a.corpus_id IN (SELECT unnest($3)) AND ($4 IS NULL OR a.model = $4)
       GROUP BY a.corpus_id ORDER BY a.corpus_id`,
      [q.layer, q.token, q.corpusIds, q.model ?? null],
    );
    return rows.map((r) => ({ corpusId: toNumber(r['corpus_id']), count: toNumber(r['count']), audioCount: toNumber(r['audio_count']) }));
  }

  /**
   * Up to `limit` places (audio, frame) of a (layer, token) after the place `after` (exclusive), in
   * audio then frame order. Only the frames of audios whose token counts hold it are read.
   */
  async occurrencePage(q: TokenSearchScope, after: { audioId: number; frame: number } | null, limit: number): Promise<TokenOccurrenceRow[]> {
    const column = layerColumn(q.layer);
    const counts = await this.attached.relation('audio_token_counts', { corpusIds: q.corpusIds });
    const audios = await this.attached.relation('audios', { corpusIds: q.corpusIds });
    const frames = await this.attached.relation('frames', { corpusIds: q.corpusIds });
    const rows = await this.db.query(
      `WITH holders AS (SELECT c.audio_id FROM ${counts} c JOIN ${audios} a ON a.id = c.audio_id
                        WHERE c.layer = $1 AND c.token = $2 AND a.corpus_id IN (SELECT unnest($3)) AND ($4 IS NULL OR a.model = $4) AND c.audio_id >= $5)
       SELECT f.audio_id, f.frame FROM ${frames} f
       WHERE f.audio_id IN (SELECT audio_id FROM holders) AND ${column} = $2 AND (f.audio_id > $5 OR f.frame >= $6)
       ORDER BY f.audio_id, f.frame LIMIT $7`,
      [q.layer, q.token, q.corpusIds, q.model ?? null, after?.audioId ?? 0, after ? after.frame + 1 : 0, limit],
    );
    return rows.map((r) => ({ layer: q.layer, token: q.token, audioId: toNumber(r['audio_id']), frame: toNumber(r['frame']) }));
  }

  /**
   * The `limit` most frequent pairs of consecutive tokens (frame t, frame t+1 of one audio) on one
   * layer of corpora, most frequent first. Reads that layer's column of every frame of the corpora:
   * there is no pre-aggregate of pairs.
   */
  async bigrams(scope: { corpusIds: readonly number[]; model?: string | undefined }, layer: number, limit: number): Promise<BigramRow[]> {
    const column = layerColumn(layer);
    const frames = await this.attached.relation('frames', { corpusIds: scope.corpusIds });
    const audios = await this.attached.relation('audios', { corpusIds: scope.corpusIds });
    const rows = await this.db.query(
      // lead() over each audio's frames: the pair never spans two audios, and the last frame has none.
      `WITH pairs AS (SELECT ${column} :: INTEGER * 2048 + lead(${column} :: INTEGER) OVER (PARTITION BY audio_id ORDER BY frame) AS pair FROM ${frames}
                      WHERE audio_id IN (SELECT id FROM ${audios} WHERE corpus_id IN (SELECT unnest($1)) AND ($2 IS NULL OR model = $2)))
       SELECT pair // 2048 AS first, pair % 2048 AS second, count(*) AS count FROM pairs WHERE pair IS NOT NULL
       GROUP BY pair ORDER BY count DESC, pair LIMIT $3`,
      [scope.corpusIds, scope.model ?? null, limit],
    );
    return rows.map((r) => ({ first: toNumber(r['first']), second: toNumber(r['second']), count: toNumber(r['count']) }));
  }

  /** Pairs of consecutive frames in corpora: Σ (frames − 1) over their non-empty audios. */
  async bigramTotal(scope: { corpusIds: readonly number[]; model?: string | undefined }): Promise<number> {
    const audios = await this.attached.relation('audios', { corpusIds: scope.corpusIds });
    const [row] = await this.db.query(
      `SELECT coalesce(sum(frame_count - 1), 0) AS pairs FROM ${audios} WHERE corpus_id IN (SELECT unnest($1)) AND ($2 IS NULL OR model = $2) AND frame_count > 0`,
      [scope.corpusIds, scope.model ?? null],
    );
    return toNumber(row?.['pairs']);
  }
}
