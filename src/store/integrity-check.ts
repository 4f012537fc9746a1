import { LAYER_COUNT } from '../domain/contract.js';
import type { Database } from './database.js';
import { toNumber } from './sql-helpers.js';

/** One broken invariant of the stored data, with how many rows break it. */
export interface IntegrityProblem {
  /** What should hold, in words. */
  check: string;
  /** Rows (or audios, or corpus × model × layer groups) that break it. */
  count: number;
}

/**
 * Each invariant as a query counting the rows that break it. Together they say that every
 * audio is whole (its frames, 16 layer aggregates and token counts agree with its frame count),
 * the corpus pre-aggregates equal the sum of their audios', and nothing refers to a missing row.
 */
const CHECKS: readonly { check: string; sql: string }[] = [
  {
    check: 'each audio has frame_count frames, numbered 0..frame_count-1',
    sql: `SELECT count(*) AS n FROM audios a LEFT JOIN (SELECT audio_id, count(*) AS c, min(frame) AS lo, max(frame) AS hi, count(DISTINCT frame) AS d FROM frames GROUP BY audio_id) f ON f.audio_id = a.id
          WHERE coalesce(f.c, 0) <> a.frame_count OR (a.frame_count > 0 AND (f.lo <> 0 OR f.hi <> a.frame_count - 1 OR f.d <> f.c))`,
  },
  {
    check: `each audio has ${LAYER_COUNT} layer aggregates, each counting frame_count tokens`,
    sql: `SELECT count(*) AS n FROM audios a LEFT JOIN (SELECT audio_id, count(*) AS layers, min(token_count) AS lo, max(token_count) AS hi FROM audio_layer_stats GROUP BY audio_id) s ON s.audio_id = a.id
          WHERE coalesce(s.layers, 0) <> ${LAYER_COUNT} OR s.lo <> a.frame_count OR s.hi <> a.frame_count`,
  },
  {
    check: "each audio's token counts sum to frame_count in every layer",
    sql: `SELECT count(*) AS n FROM audios a CROSS JOIN range(1, ${LAYER_COUNT + 1}) r(layer)
          LEFT JOIN (SELECT audio_id, layer, sum(count) AS c FROM audio_token_counts GROUP BY ALL) t ON t.audio_id = a.id AND t.layer = r.layer
          WHERE coalesce(t.c, 0) <> a.frame_count`,
  },
  {
    check: 'corpus token counts equal the sum of their audios’ token counts',
    sql: `SELECT count(*) AS n FROM (SELECT a.corpus_id, a.model, t.layer, t.token, sum(t.count) AS c FROM audio_token_counts t JOIN audios a ON a.id = t.audio_id GROUP BY ALL) x
          FULL OUTER JOIN corpus_token_counts k ON k.corpus_id = x.corpus_id AND k.model = x.model AND k.layer = x.layer AND k.token = x.token
          WHERE coalesce(x.c, 0) <> coalesce(k.count, 0)`,
  },
  {
    check: 'no frames, aggregates, labels, file identities or stability counts of a missing audio',
    sql: `SELECT (SELECT count(*) FROM frames WHERE audio_id NOT IN (SELECT id FROM audios))
           + (SELECT count(*) FROM audio_layer_stats WHERE audio_id NOT IN (SELECT id FROM audios))
           + (SELECT count(*) FROM audio_token_counts WHERE audio_id NOT IN (SELECT id FROM audios))
           + (SELECT count(*) FROM labels WHERE audio_id NOT IN (SELECT id FROM audios))
           + (SELECT count(*) FROM audio_files WHERE audio_id NOT IN (SELECT id FROM audios))
           + (SELECT count(*) FROM stability_layers WHERE audio_id NOT IN (SELECT id FROM audios)) AS n`,
  },
  {
    check: 'no audios, token counts, evaluation or stability runs of a missing corpus, no stability counts of a missing run',
    sql: `SELECT (SELECT count(*) FROM audios WHERE corpus_id NOT IN (SELECT id FROM corpora))
           + (SELECT count(*) FROM corpus_token_counts WHERE corpus_id NOT IN (SELECT id FROM corpora))
           + (SELECT count(*) FROM evaluation_runs WHERE corpus_id NOT IN (SELECT id FROM corpora))
           + (SELECT count(*) FROM stability_runs WHERE corpus_id NOT IN (SELECT id FROM corpora))
           + (SELECT count(*) FROM stability_layers WHERE run_id NOT IN (SELECT id FROM stability_runs)) AS n`,
  },
];

/** Runs every invariant check; returns the broken ones (an empty list for a sound database). */
export async function checkIntegrity(db: Database): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  for (const { check, sql } of CHECKS) {
    const count = toNumber((await db.query(sql))[0]?.['n']);
    if (count) problems.push({ check, count });
  }
  return problems;
}
