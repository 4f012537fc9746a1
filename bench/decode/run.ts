/**
 * `npm run bench:decode`: speed of the reference decoder on 10 minutes of the dev mixtures (the
 * mixtures in order, concatenated, cut at 7,500 frames), written into docs/benchmarks.md. Codes are
 * made first (not timed); then each round times the dequantization (16 layers, back to raw
 * feature units) and the decode on their own, twice: `referenceDecode` in this thread, and
 * ReferenceDecodePool with --threads workers (default: the available parallelism), whose bytes are
 * checked equal to the single thread's. Real-time factor = audio seconds / wall seconds, and /
 * CPU seconds of this process, all its threads (less sensitive to other processes on the machine).
 * Options: --rounds N (default 3), --minutes M (default 10), --threads T, --out FILE.
 */
import { availableParallelism, cpus, loadavg, release, type } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../../src/analytics/percentile.js';
import { dequantizeLayers, firstLayers } from '../../src/decoders/reference/decode-codes.js';
import { ReferenceDecodePool } from '../../src/decoders/reference/decode-pool.js';
import { decodeSchedule, referenceDecode } from '../../src/decoders/reference/reference-decode.js';
import { DEFAULT_REFERENCE_DECODER_OPTIONS } from '../../src/decoders/reference/reference-decoder-options.js';
import { destandardise } from '../../src/decoders/reference/reference-normalisation.js';
import { SAMPLES_PER_FRAME } from '../../src/domain/contract.js';
import { repoRoot } from '../../src/jsutils/repo-root.js';
import { readPcm16Wav } from '../../scripts/build-model/wav.js';
import { writeMarkedSection } from '../report.js';
import { MODEL_ID, mixtureNames, mixturesDir, openReferenceKit } from '../reference-decoder/mixture-codes.js';

const START = '<!-- bench:decode:start -->';
const END = '<!-- bench:decode:end -->';
/** The issue's goal, × real time. */
const GOAL = 200;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds') ?? 3);
  const minutes = Number(option('minutes') ?? 10);
  const threads = Number(option('threads') ?? availableParallelism());
  const out = option('out') ?? join(repoRoot(), 'docs', 'benchmarks.md');
  const frames = Math.round((minutes * 60 * 24_000) / SAMPLES_PER_FRAME);
  const parts: Float32Array[] = [];
  let have = 0;
  for (const name of mixtureNames()) {
    if (have >= frames * SAMPLES_PER_FRAME) break;
    const x = readPcm16Wav(join(mixturesDir(), name));
    parts.push(x);
    have += x.length;
  }
  const audio = new Float32Array(frames * SAMPLES_PER_FRAME);
  let at = 0;
  for (const p of parts) {
    const take = Math.min(p.length, audio.length - at);
    audio.set(p.subarray(0, take), at);
    at += take;
  }
  const kit = await openReferenceKit();
  const codes = await kit.encode(audio);
  await kit.release();
  const seconds = frames * (SAMPLES_PER_FRAME / 24_000);
  const loadStart = loadavg()[0]!;
  const started = new Date().toISOString();
  const rows: { dequantizeMs: number; wallMs: number; cpuMs: number; poolWallMs: number; poolCpuMs: number }[] = [];
  const pool = new ReferenceDecodePool(threads);
  // Workers start and compile outside the timing (a server keeps its pool): each decodes 40 frames first.
  const warm = destandardise(dequantizeLayers(codes, kit.codebooks, firstLayers(16)), kit.norm).subarray(0, 40 * 72);
  await Promise.all(Array.from({ length: 2 * threads }, () => pool.decode(warm, 40)));
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const features = destandardise(dequantizeLayers(codes, kit.codebooks, firstLayers(16)), kit.norm);
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const single = referenceDecode(features, frames);
    const cpu = process.cpuUsage(cpu0);
    const t2 = performance.now();
    const cpu1 = process.cpuUsage();
    const pooled = await pool.decode(features, frames);
    const poolCpu = process.cpuUsage(cpu1);
    const t3 = performance.now();
    if (!Buffer.from(pooled.buffer).equals(Buffer.from(single.buffer))) throw new Error('the pooled decode gave other bytes than the single-thread one');
    rows.push({ dequantizeMs: t1 - t0, wallMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, poolWallMs: t3 - t2, poolCpuMs: (poolCpu.user + poolCpu.system) / 1000 });
    process.stderr.write(`round ${r + 1}: one thread ${((t2 - t1) / 1000).toFixed(1)} s, ${threads} workers ${((t3 - t2) / 1000).toFixed(1)} s\n`);
  }
  await pool.close();
  const loadEnd = loadavg()[0]!;
  const median = (pick: (r: (typeof rows)[number]) => number) => percentile(rows.map(pick), 50);
  const wall = median((r) => r.wallMs);
  const cpuMs = median((r) => r.cpuMs);
  const poolWall = median((r) => r.poolWallMs);
  const poolCpu = median((r) => r.poolCpuMs);
  const best = Math.min(...rows.map((r) => r.wallMs));
  const poolBest = Math.min(...rows.map((r) => r.poolWallMs));
  const x = (ms: number) => Math.round(seconds / (ms / 1000));
  const d = DEFAULT_REFERENCE_DECODER_OPTIONS;
  const { analyses, inverses, loudnessStages } = decodeSchedule(d);
  const section = [
    START,
    '## Reference decoder speed (issue 11)',
    '',
    `Measured ${started} on ${type()} ${release()}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}. 1-minute load average ${loadStart.toFixed(2)} when the rounds began and ${loadEnd.toFixed(2)} when they ended (${cpus().length} cores: above that, other processes competed for them).`,
    '',
    'Reproduce:',
    '',
    '```sh',
    'npm run build',
    `npm run bench:decode${rounds !== 3 || minutes !== 10 || option('threads') ? ` -- --rounds ${rounds} --minutes ${minutes}${option('threads') ? ` --threads ${threads}` : ''}` : ''}`,
    '```',
    '',
    `**Audio.** The first ${minutes} minutes of the dev mixtures (\`corpus/mixtures/\`, in name order, concatenated: ${frames.toLocaleString('en')} frames, ${seconds.toFixed(0)} s), encoded by \`${MODEL_ID}\` (not timed). **Timed**, ${rounds} rounds: dequantizing all 16 layers and mapping back to raw features, then the decode with the defaults, once by \`referenceDecode\` in the main thread and once by \`ReferenceDecodePool\` with ${threads} worker threads (blocks of 512 frames, started before the timing) (FFT ${d.fftSize}, window ${d.windowLength}, hop ${d.hop}, ${d.iterations} Griffin–Lim iteration(s), ${d.matchIterations} matching rounds at strength ${d.matchStrength} (${d.matchInterpolation})${d.matchReanalyse ? ', the later ones re-analysing the shaped render' : ''}, ${d.gainPasses} loudness passes a stage with ${d.gainRamp}-sample ramps).`,
    '',
    `| measurement | one thread: median | × real time | best round | ${threads} worker threads: median | × real time | best round |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    `| dequantize (16 layers) + destandardise | ${median((r) => r.dequantizeMs).toFixed(0)} ms | ${x(median((r) => r.dequantizeMs)).toLocaleString('en')}× | — | (same) | | |`,
    `| decode, wall clock | ${(wall / 1000).toFixed(2)} s | **${x(wall)}×** | ${(best / 1000).toFixed(2)} s (${x(best)}×) | ${(poolWall / 1000).toFixed(2)} s | **${x(poolWall)}×** | ${(poolBest / 1000).toFixed(2)} s (${x(poolBest)}×) |`,
    `| decode, CPU time of the process (all threads) | ${(cpuMs / 1000).toFixed(2)} s | ${x(cpuMs)}× | — | ${(poolCpu / 1000).toFixed(2)} s | ${x(poolCpu)}× | — |`,
    '',
    `The pooled decode gave the same bytes as the single-thread one in every round (checked). Goal: decoding ≥ ${GOAL}× real time on the CPU — by the wall clock (median), ${x(wall) >= GOAL ? '**PASS**' : '**MISS**'} with one thread and ${x(poolWall) >= GOAL ? '**PASS**' : '**MISS**'} with ${threads} at this load; by CPU time (the audio seconds one fully used core decodes per second), ${x(cpuMs) >= GOAL ? '**PASS**' : '**MISS**'} (${x(cpuMs)}× per core).`,
    '',
    `The single-thread decode had ${((100 * cpuMs) / wall).toFixed(0)} % of one core on average (CPU time over wall time), the pooled one ${((100 * poolCpu) / poolWall).toFixed(0)} %. Nearly all of it is FFTs and passes over the samples: with the defaults, per second of audio, ${analyses + inverses} STFT passes of ${d.fftSize} points at ${24_000 / d.hop} frames (${analyses} analyses, ${inverses} inverses), ${d.matchIterations} × 12.5 exact 1920-point spectra and ${loudnessStages * d.gainPasses} loudness passes (docs/reference-decoder.md, "Speed").`,
    END,
  ].join('\n');
  writeMarkedSection(out, section, START, END);
  process.stderr.write(`wrote ${out}\n`);
}

await main();
