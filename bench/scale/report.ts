import type { Timing } from '../timing.js';
import type { Answers } from './phases.js';

/** What a step's child process reports: its own figures plus wall seconds and peak RSS. */
export type StepFigures = Record<string, unknown> & { seconds: number; peakRssMiB: number };

/** Whether two ways of answering layerStats and coldTokens agree, and where first not. */
export interface AnswerCheck {
  what: string;
  equal: boolean;
  /** The first difference, when not equal. */
  difference: string | null;
}

/** Compares the answers of two steps exactly (every number, doubles to the last bit). */
export function compareAnswers(what: string, a: Record<string, unknown>, b: Record<string, unknown>): AnswerCheck {
  const x = a['answers'] as Answers;
  const y = b['answers'] as Answers;
  for (const key of ['audioCount', 'frameCount', 'layers', 'cold'] as const) {
    const sx = JSON.stringify(x[key]);
    const sy = JSON.stringify(y[key]);
    if (sx !== sy) return { what, equal: false, difference: `${key}: ${sx.slice(0, 300)} … vs ${sy.slice(0, 300)} …` };
  }
  return { what, equal: true, difference: null };
}

const ms = (t: Timing) => `${t.p50.toFixed(1)} / ${t.p90.toFixed(1)}`;
const mib = (f: StepFigures) => `${f.peakRssMiB.toFixed(0)} MiB`;
const mb = (bytes: unknown) => `${(Number(bytes) / 1e6).toFixed(0)} MB`;

/** The figures of one run (run.ts's figures.json). */
export interface ScaleFigures {
  hours: number;
  shards: number;
  jobs: number;
  perShardHours: number;
  reps: { warmup: number; runs: number };
  wallMinutes: number;
  load: { min: number; max: number; mean: number };
  builds: StepFigures[];
  exports: StepFigures[];
  shardQueries: StepFigures;
  docSql: StepFigures;
  merge: StepFigures;
  importMerge: StepFigures;
  whole: string;
  wholeQueries: StepFigures;
  wholeExport: StepFigures;
  attach: StepFigures;
  /** The import-merge and merged export again under DuckDB's memory_limit; null when not run. */
  limited: { limit: string; importMerge: StepFigures; wholeExport: StepFigures } | null;
  checks: AnswerCheck[];
}

/** Markdown for docs/scale.md and docs/benchmarks.md. */
export function formatReport(f: ScaleFigures, loadNow: string): string {
  const total = f.perShardHours * f.shards;
  const rate = (hours: number, seconds: number) => `${(hours / (seconds / 60)).toFixed(0)} h/min`;
  const lines: string[] = [];
  const built = f.builds.filter((b) => !b['reused']);
  lines.push(`${total.toFixed(0)} h in ${f.shards} shards of ${f.perShardHours.toFixed(1)} h; 1-minute load average ${f.load.min.toFixed(1)}–${f.load.max.toFixed(1)} (mean ${f.load.mean.toFixed(1)}) during the run, now ${loadNow}; whole run ${f.wallMinutes.toFixed(1)} min.`);
  lines.push('');
  lines.push('| step | wall s | rate | peak RSS | on disk |');
  lines.push('|---|---:|---:|---:|---:|');
  if (built.length) {
    const s = built.map((b) => b.seconds);
    lines.push(`| build one shard store (generate + store, ${f.jobs} at a time), ${built.length} built | ${Math.min(...s).toFixed(0)}–${Math.max(...s).toFixed(0)} | ${rate(f.perShardHours, Math.max(...s))} (slowest) | ${Math.max(...built.map((b) => b.peakRssMiB)).toFixed(0)} MiB (max) | ${mb(built[0]!['bytes'])} each |`);
  } else lines.push('| build the shard stores | reused from an earlier run | — | — | — |');
  const ex = f.exports.map((e) => e.seconds);
  const exSum = ex.reduce((a, b) => a + b, 0);
  lines.push(`| export one shard (all tables) | ${Math.min(...ex).toFixed(1)}–${Math.max(...ex).toFixed(1)} | ${rate(f.perShardHours, exSum / ex.length)} (mean) | ${Math.max(...f.exports.map((e) => e.peakRssMiB)).toFixed(0)} MiB (max) | ${mb(f.exports[0]!['bytes'])} each |`);
  lines.push(`| export all ${f.shards} shards, one after another | ${exSum.toFixed(1)} | ${rate(total, exSum)} | — | ${mb(f.exports.reduce((a, e) => a + Number(e['bytes']), 0))} |`);
  if (f.merge['skipped']) lines.push(`| merge the ${f.shards} shard stores (mergeShards) | ${String(f.merge['skipped'])} | — | — | — |`);
  else lines.push(`| merge the ${f.shards} shard stores into one (mergeShards) | ${f.merge.seconds.toFixed(1)} | ${rate(total, f.merge.seconds)} | ${mib(f.merge)} | ${mb(f.merge['bytes'])} |`);
  lines.push(`| merge by importing the ${f.shards} shard exports into one store | ${f.importMerge.seconds.toFixed(1)} | ${rate(total, f.importMerge.seconds)} | ${mib(f.importMerge)} | ${mb(f.importMerge['bytes'])} |`);
  lines.push(`| export the merged ${total.toFixed(0)} h as one dataset | ${f.wholeExport.seconds.toFixed(1)} | ${rate(total, f.wholeExport.seconds)} | ${mib(f.wholeExport)} | ${mb(f.wholeExport['bytes'])} |`);
  if (f.limited) {
    lines.push(`| ↳ the import-merge again, DuckDB memory_limit ${f.limited.limit} | ${f.limited.importMerge.seconds.toFixed(1)} | ${rate(total, f.limited.importMerge.seconds)} | ${mib(f.limited.importMerge)} | — |`);
    lines.push(`| ↳ the merged export again, DuckDB memory_limit ${f.limited.limit} | ${f.limited.wholeExport.seconds.toFixed(1)} | ${rate(total, f.limited.wholeExport.seconds)} | ${mib(f.limited.wholeExport)} | — |`);
  }
  if (!f.attach['skipped']) lines.push(`| attach that dataset (attachDataset) | ${Number(f.attach['attachSeconds']).toFixed(2)} | — | — | — |`);
  lines.push('');
  lines.push(`Queries, ${f.reps.runs} timed runs after ${f.reps.warmup} warm-up runs each, result cache off; layerStats: both corpora, 16 layers (API: top 5 tokens too); coldTokens: bench-a → bench-b, limit 50 (API: 3 occurrences each).`);
  lines.push('');
  lines.push('| answered by | hours | layerStats p50 / p90 ms | coldTokens p50 / p90 ms |');
  lines.push('|---|---:|---:|---:|');
  const q = (label: string, hours: number, s: StepFigures) => {
    lines.push(`| ${label} | ${hours.toFixed(0)} | ${ms(s['layerStats'] as Timing)} | ${ms(s['coldTokens'] as Timing)} |`);
    const layer = s['queryLayer'] as { layerStats: Timing; coldTokens: Timing } | undefined;
    if (layer) lines.push(`| ↳ query layer only (no GraphQL, top tokens or occurrences) | ${hours.toFixed(0)} | ${ms(layer.layerStats)} | ${ms(layer.coldTokens)} |`);
  };
  q('API, native store of shard 1', f.perShardHours, f.shardQueries);
  q(`API, native merged store (${f.merge['skipped'] ? 'by import' : 'mergeShards'})`, total, f.wholeQueries);
  q(`docs/scale.md DuckDB SQL over the ${f.shards} shard exports (glob, no merge)`, total, f.docSql);
  if (f.attach['skipped']) lines.push(`| API, attached merged dataset | ${total.toFixed(0)} | ${String(f.attach['skipped'])} | — |`);
  else q('API, attached merged dataset', total, f.attach);
  lines.push('');
  for (const c of f.checks) lines.push(`- ${c.what} vs the merged native store: ${c.equal ? 'every layerStats and coldTokens number equal' : `DIFFERENT (${c.difference})`}.`);
  const rows = f.wholeExport['rows'] as Record<string, number> | undefined;
  if (rows) lines.push(`- Merged dataset rows: ${Object.entries(rows).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}; frames ${mb(f.wholeExport['framesBytes'])}, audio_token_counts ${mb(f.wholeExport['audioTokenCountsBytes'])}.`);
  const per = f.importMerge['perDataset'] as number[] | undefined;
  if (per) lines.push(`- Import of each shard export: ${per.map((s) => s.toFixed(1)).join(', ')} s.`);
  return lines.join('\n');
}
