import type { AttachedDatasets } from './attached-datasets.js';
import type { Database, SqlRow } from './database.js';
import type { AudioLayerAggregateRow, LayerAggregateRow, TokenCountRow } from './rows.js';
import { layerColumn, toNumber } from './sql-helpers.js';

function toAggregate(r: SqlRow): LayerAggregateRow {
  return {
    layer: toNumber(r['layer']),
    tokenCount: toNumber(r['token_count']),
    tokenSum: toNumber(r['token_sum']),
    tokenSumSq: toNumber(r['token_sum_sq']),
    distinctTokens: toNumber(r['distinct_tokens']),
    entropyBits: toNumber(r['entropy_bits']),
  };
}

/** A set of audios to aggregate over: whole corpora (optionally one model), or single audios. */
export interface CorpusScope {
  corpusIds: readonly number[];
  /** Restrict to matrices of this model; all models when absent. */
  model?: string | undefined;
}

/** Per-layer statistics and token histograms, from the pre-aggregates. */
export class StatsRepository {
  constructor(
    private readonly db: Database,
    private readonly attached: AttachedDatasets,
  ) {}

  private ctc(scope: CorpusScope): Promise<string> {
    return this.attached.relation('corpus_token_counts', { corpusIds: scope.corpusIds });
  }

  /** Per-layer aggregates of many audios in one statement (rows for the requested layers). */
  async audioLayers(audioIds: readonly number[], layers: readonly number[]): Promise<AudioLayerAggregateRow[]> {
    if (!audioIds.length) return [];
    const source = await this.attached.relation('audio_layer_stats', { audioIds });
    const rows = await this.db.query(
      `SELECT audio_id, layer, token_count, token_sum, token_sum_sq, distinct_tokens, entropy_bits
       FROM ${source} WHERE list_contains(?, audio_id) AND list_contains(?, layer) ORDER BY audio_id, layer`,
      [audioIds, layers],
    );
    return rows.map((r) => ({ audioId: toNumber(r['audio_id']), ...toAggregate(r) }));
  }

  /**
   * Per-layer aggregates over corpora, merged from corpus token counts (O(layers × 2048) rows).
   * The entropy is summed in token order: a float sum in the order rows happen to be stored would
   * differ in its last digit between two stores holding the same counts (an imported dataset).
   */
  async corpusLayers(scope: CorpusScope, layers: readonly number[]): Promise<LayerAggregateRow[]> {
    const source = await this.ctc(scope);
    const rows = await this.db.query(
      `WITH t AS (SELECT layer, token, sum(count) :: DOUBLE AS n FROM ${source}
                  WHERE list_contains(?, corpus_id) AND (? IS NULL OR model = ?) AND list_contains(?, layer) GROUP BY layer, token),
            l AS (SELECT layer, sum(n) AS total FROM t GROUP BY layer)
       SELECT t.layer, sum(n) AS token_count, sum(n * token) AS token_sum, sum(n * token * token) AS token_sum_sq,
              count(*) AS distinct_tokens, -sum(n / total * log2(n / total) ORDER BY t.token) AS entropy_bits
       FROM t JOIN l USING (layer) GROUP BY t.layer ORDER BY t.layer`,
      [scope.corpusIds, scope.model ?? null, scope.model ?? null, layers],
    );
    return rows.map(toAggregate);
  }

  /**
   * The same aggregates by scanning every stored token of the corpora (no pre-aggregates):
   * the baseline the benchmark compares against, and a cross-check in tests.
   */
  async corpusLayersByScan(scope: CorpusScope, layers: readonly number[]): Promise<LayerAggregateRow[]> {
    const parts = layers.map(
      (layer) => `SELECT ${layer} AS layer, count(*) AS token_count, sum(${layerColumn(layer)}::DOUBLE) AS token_sum,
        sum(${layerColumn(layer)}::DOUBLE * ${layerColumn(layer)}) AS token_sum_sq, count(DISTINCT ${layerColumn(layer)}) AS distinct_tokens,
        entropy(${layerColumn(layer)}) AS entropy_bits FROM scoped`,
    );
    const frames = await this.attached.relation('frames', { corpusIds: scope.corpusIds });
    const audios = await this.attached.relation('audios', { corpusIds: scope.corpusIds });
    const rows = await this.db.query(
      `WITH scoped AS (SELECT f.* FROM ${frames} f JOIN ${audios} a ON a.id = f.audio_id
                       WHERE list_contains(?, a.corpus_id) AND (? IS NULL OR a.model = ?))
       ${parts.join(' UNION ALL ')} ORDER BY layer`,
      [scope.corpusIds, scope.model ?? null, scope.model ?? null],
    );
    return rows.map(toAggregate);
  }

  /** Token counts of one layer over corpora, most frequent first, at most `limit` after `offset`. */
  async corpusTokenCounts(scope: CorpusScope, layer: number, limit: number, offset = 0): Promise<TokenCountRow[]> {
    const source = await this.ctc(scope);
    const rows = await this.db.query(
      `SELECT token, sum(count) AS count FROM ${source}
       WHERE list_contains(?, corpus_id) AND (? IS NULL OR model = ?) AND layer = ?
       GROUP BY token ORDER BY count DESC, token LIMIT ? OFFSET ?`,
      [scope.corpusIds, scope.model ?? null, scope.model ?? null, layer, limit, offset],
    );
    return rows.map((r) => ({ token: toNumber(r['token']), count: toNumber(r['count']) }));
  }

  /** The `limit` most frequent tokens of each of `layers` over corpora, in one statement; keyed by layer. */
  async corpusTopTokens(scope: CorpusScope, layers: readonly number[], limit: number): Promise<Map<number, TokenCountRow[]>> {
    const out = new Map<number, TokenCountRow[]>(layers.map((l) => [l, []]));
    if (!layers.length) return out;
    const source = await this.ctc(scope);
    const rows = await this.db.query(
      `SELECT layer, token, count FROM (
         SELECT layer, token, sum(count) AS count, row_number() OVER (PARTITION BY layer ORDER BY sum(count) DESC, token) AS rank
         FROM ${source} WHERE list_contains(?, corpus_id) AND (? IS NULL OR model = ?) AND list_contains(?, layer)
         GROUP BY layer, token)
       WHERE rank <= ? ORDER BY layer, rank`,
      [scope.corpusIds, scope.model ?? null, scope.model ?? null, layers, limit],
    );
    for (const r of rows) out.get(toNumber(r['layer']))?.push({ token: toNumber(r['token']), count: toNumber(r['count']) });
    return out;
  }

  /** Token counts of many (audio, layer) pairs in one statement, each at most `limit`, most frequent first. */
  async audioTokenCounts(keys: readonly { audioId: number; layer: number }[], limit: number): Promise<Map<string, TokenCountRow[]>> {
    const out = new Map<string, TokenCountRow[]>();
    if (!keys.length) return out;
    const source = await this.attached.relation('audio_token_counts', { audioIds: [...new Set(keys.map((k) => k.audioId))] });
    const rows = await this.db.query(
      `SELECT audio_id, layer, token, count FROM (
         SELECT *, row_number() OVER (PARTITION BY audio_id, layer ORDER BY count DESC, token) AS rank
         FROM ${source} WHERE list_contains(?, audio_id * 100 + layer))
       WHERE rank <= ? ORDER BY audio_id, layer, rank`,
      [keys.map((k) => k.audioId * 100 + k.layer), limit],
    );
    for (const r of rows) {
      const key = `${toNumber(r['audio_id'])}:${toNumber(r['layer'])}`;
      const list = out.get(key) ?? [];
      list.push({ token: toNumber(r['token']), count: toNumber(r['count']) });
      out.set(key, list);
    }
    return out;
  }

  /** Per-layer token histograms of corpora kept apart by model (each model's tokens index its own codebooks). */
  async corpusHistogramsByModel(scope: CorpusScope): Promise<{ model: string; layer: number; token: number; count: number }[]> {
    const source = await this.ctc(scope);
    const rows = await this.db.query(
      `SELECT model, layer, token, sum(count) AS count FROM ${source}
       WHERE list_contains(?, corpus_id) AND (? IS NULL OR model = ?) GROUP BY model, layer, token ORDER BY model, layer, token`,
      [scope.corpusIds, scope.model ?? null, scope.model ?? null],
    );
    return rows.map((r) => ({ model: String(r['model']), layer: toNumber(r['layer']), token: toNumber(r['token']), count: toNumber(r['count']) }));
  }

  /** Per-layer token histograms (2048 counts each) of corpora, for reference-based detectors. */
  async corpusHistograms(scope: CorpusScope): Promise<{ layer: number; token: number; count: number }[]> {
    const source = await this.ctc(scope);
    const rows = await this.db.query(
      `SELECT layer, token, sum(count) AS count FROM ${source}
       WHERE list_contains(?, corpus_id) AND (? IS NULL OR model = ?) GROUP BY layer, token`,
      [scope.corpusIds, scope.model ?? null, scope.model ?? null],
    );
    return rows.map((r) => ({ layer: toNumber(r['layer']), token: toNumber(r['token']), count: toNumber(r['count']) }));
  }
}
