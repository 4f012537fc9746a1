import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ColdTokensDocument, CorporaDocument, LayerStatsDocument } from '../../src/client/generated/graphql.js';
import { loadSettings } from '../../src/config/settings.js';
import { exportDataset } from '../../src/datasets/export-dataset.js';
import { importDataset } from '../../src/datasets/import-dataset.js';
import { ALL_LAYERS } from '../../src/domain/contract.js';
import { LIMITS } from '../../src/api/limits.js';
import { coldTokens } from '../../src/query/cold-tokens.js';
import { corpusLayerStats } from '../../src/query/corpus-layer-stats.js';
import { createApp } from '../../src/main.js';
import type { App } from '../../src/main.js';
import { runDocSql, scaleDocSql } from '../../test/support/scale-doc-sql.js';
import { removeDatabase } from '../build-corpus.js';
import { execute, prepare } from '../execute.js';
import { measure } from '../timing.js';
import type { Repetitions, Timing } from '../timing.js';
import { buildShard, holdsShard } from './build-shard.js';
import { findAttachDataset, findMergeShards } from './optional-steps.js';
import type { ShardPlan } from './shard-plan.js';

/** What one measured step of the simulation is asked to do; each runs in a process of its own, so its peak RSS is its own. */
export type PhaseRequest =
  | { phase: 'build'; db: string; plan: ShardPlan }
  | { phase: 'export'; db: string; out: string; memoryLimit?: string | undefined }
  | { phase: 'import'; db: string; datasets: string[]; memoryLimit?: string | undefined }
  | { phase: 'merge'; db: string; shards: string[]; module?: string | undefined }
  | { phase: 'queries'; db: string; reps: Repetitions; prefix: string }
  | { phase: 'docsql'; dataset: string; reps: Repetitions }
  | { phase: 'attach'; db: string; dir: string; reps: Repetitions; module?: string | undefined };

/** layerStats and coldTokens answers, reduced to what both the API and the doc's SQL give (for the exactness check). */
export interface Answers {
  audioCount: number;
  frameCount: number;
  layers: Record<string, unknown>[];
  cold: Record<string, unknown>[];
}

/** The query timings of one way of answering. */
export interface QueryFigures {
  layerStats: Timing;
  coldTokens: Timing;
  /** The query layer alone (src/query: no GraphQL, no top tokens, no occurrences): what the doc's SQL computes. */
  queryLayer?: { layerStats: Timing; coldTokens: Timing };
  answers: Answers;
}

/** Bytes of the files under `path` (a file or a folder). */
export function bytesUnder(path: string): number {
  const s = statSync(path);
  if (s.isFile()) return s.size;
  let n = 0;
  for (const entry of readdirSync(path, { recursive: true })) {
    const e = statSync(join(path, String(entry)));
    if (e.isFile()) n += e.size;
  }
  return n;
}

async function open(db: string, memoryLimit?: string): Promise<App> {
  const app = await createApp(loadSettings({ dbPath: db, dataRoots: [], apiKey: null, host: '127.0.0.1', port: 0, cacheBytes: 0 }));
  // DuckDB keeps blocks it has read in its buffer pool up to memory_limit (default 80 % of RAM), so
  // peak RSS tracks the data read until that limit; a lower limit shows what the step needs.
  if (memoryLimit) await app.store.db.query(`SET memory_limit = '${memoryLimit.replace(/[^0-9A-Za-z.]/g, '')}'`);
  return app;
}

const COLD = { limit: 50, maxReferenceCount: 0, offset: 0 };

/** layerStats of both corpora (16 layers, top 5) and coldTokens a → b (limit 50, 3 occurrences) through the API, as the foundation bench. */
async function apiQueries(app: App, a: string, b: string, reps: Repetitions): Promise<QueryFigures> {
  const layerOp = prepare(LayerStatsDocument, { corpora: [a, b], layers: [...ALL_LAYERS], top: 5 });
  const coldOp = prepare(ColdTokensDocument, { reference: a, target: b, ...COLD, occurrences: 3 });
  const stats = (await execute(app, layerOp)).layerStats;
  const cold = (await execute(app, coldOp)).coldTokens;
  const layerQuery = { corpora: [a, b], layers: [...ALL_LAYERS], maxCorpora: LIMITS.maxCorpora };
  const coldQuery = { reference: a, target: b, ...COLD, maxLimit: LIMITS.maxColdTokens };
  return {
    layerStats: await measure(() => execute(app, layerOp), reps),
    coldTokens: await measure(() => execute(app, coldOp), reps),
    queryLayer: {
      layerStats: await measure(() => corpusLayerStats(app.store, layerQuery), reps),
      coldTokens: await measure(() => coldTokens(app.store, coldQuery), reps),
    },
    answers: {
      audioCount: stats.audioCount,
      frameCount: stats.frameCount,
      layers: stats.layers.map(({ topTokens: _t, ...l }) => l),
      cold: cold.map(({ occurrences: _o, ...c }) => c),
    },
  };
}

/** The doc's DuckDB blocks over the dataset files at `dataset` (a folder or a glob of shard exports), in a fresh in-memory DuckDB. */
async function docQueries(dataset: string, reps: Repetitions): Promise<QueryFigures> {
  const blocks = scaleDocSql();
  const db = await DuckDBInstance.create(':memory:');
  const sql = await db.connect();
  try {
    const layerVars = { corpora: ['bench-a', 'bench-b'], model: null, layers: [...ALL_LAYERS] };
    const coldVars = { reference: 'bench-a', target: 'bench-b', layers: [...ALL_LAYERS], max_reference_count: COLD.maxReferenceCount, row_limit: COLD.limit, row_offset: COLD.offset };
    const layers = () => runDocSql(sql, blocks.get('layerStats')!, dataset, layerVars);
    const counts = () => runDocSql(sql, blocks.get('layerStatsCounts')!, dataset, layerVars);
    const cold = () => runDocSql(sql, blocks.get('coldTokens')!, dataset, coldVars);
    const [c] = await counts();
    const n = Number;
    return {
      // The API's layerStats is one request giving both; here that is the two statements.
      layerStats: await measure(() => Promise.all([layers(), counts()]), reps),
      coldTokens: await measure(cold, reps),
      answers: {
        audioCount: n(c!['audio_count']),
        frameCount: n(c!['frame_count']),
        layers: (await layers()).map((r) => ({ number: n(r['number']), tokenCount: n(r['token_count']), mean: r['mean'], variance: r['variance'], std: r['std'], entropyBits: r['entropy_bits'], distinctTokens: n(r['distinct_tokens']), utilisation: r['utilisation'] })),
        cold: (await cold()).map((r) => ({ model: r['model'], layer: n(r['layer']), token: n(r['token']), referenceCount: n(r['reference_count']), targetCount: n(r['target_count']), audioCount: n(r['audio_count']) })),
      },
    };
  } finally {
    sql.closeSync();
    db.closeSync();
  }
}

/** Runs one step in this process and returns its figures (the caller adds seconds and peak RSS). */
export async function runPhase(req: PhaseRequest): Promise<Record<string, unknown>> {
  switch (req.phase) {
    case 'build': {
      let app = await open(req.db);
      if (await holdsShard(app.store, req.plan)) {
        await app.close();
        return { reused: true };
      }
      await app.close();
      removeDatabase(req.db);
      app = await open(req.db);
      try {
        return { reused: false, frames: await buildShard(app.store, req.plan), bytes: bytesUnder(req.db) };
      } finally {
        await app.close();
      }
    }
    case 'export': {
      const app = await open(req.db, req.memoryLimit);
      try {
        const written = await exportDataset(app.store, { kind: 'all' }, req.out);
        return { rows: written.rows, bytes: bytesUnder(written.path), framesBytes: bytesUnder(join(written.path, 'frames')), audioTokenCountsBytes: bytesUnder(join(written.path, 'audio_token_counts')) };
      } finally {
        await app.close();
      }
    }
    case 'import': {
      removeDatabase(req.db);
      const app = await open(req.db, req.memoryLimit);
      try {
        const perDataset: number[] = [];
        let audios = 0;
        for (const dir of req.datasets) {
          const t = performance.now();
          audios += (await importDataset(app.store, dir)).audios;
          perDataset.push((performance.now() - t) / 1000);
        }
        await app.store.db.checkpoint();
        return { audios, perDataset, bytes: bytesUnder(req.db) };
      } finally {
        await app.close();
      }
    }
    case 'merge': {
      const merge = await findMergeShards(req.module);
      if (merge.kind === 'missing') return { skipped: merge.why };
      removeDatabase(req.db);
      const app = await open(req.db);
      try {
        const report = await merge.fn(req.shards, app.store);
        await app.store.db.checkpoint();
        return { module: merge.module, mergeSeconds: report.seconds ?? null, bytes: bytesUnder(req.db) };
      } finally {
        await app.close();
      }
    }
    case 'queries': {
      const app = await open(req.db);
      try {
        return { ...(await apiQueries(app, `${req.prefix}bench-a`, `${req.prefix}bench-b`, req.reps)) };
      } finally {
        await app.close();
      }
    }
    case 'docsql':
      return { ...(await docQueries(req.dataset, req.reps)) };
    case 'attach': {
      const attach = await findAttachDataset(req.module);
      if (attach.kind === 'missing') return { skipped: attach.why };
      removeDatabase(req.db);
      const app = await open(req.db);
      try {
        const t = performance.now();
        await attach.fn(app.store, req.dir, 'scale');
        const attachSeconds = (performance.now() - t) / 1000;
        // The attached corpora's names are the attach work's to choose (scale/<corpus> by its design): take them from the API.
        const names = (await execute(app, prepare(CorporaDocument, {}))).corpora.map((c) => c.name);
        const a = names.find((n) => n !== 'bench-a' && n.endsWith('bench-a'));
        if (!a) return { skipped: `attached, but no corpus named like bench-a among ${names.join(', ')}`, module: attach.module };
        return { module: attach.module, attachSeconds, ...(await apiQueries(app, a, a.replace(/bench-a$/, 'bench-b'), req.reps)) };
      } finally {
        await app.close();
      }
    }
  }
}
