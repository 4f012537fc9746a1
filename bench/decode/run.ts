/**
 * `npm run bench:decode`: speed of the reference decoder on 10 minutes of the dev mixtures (the
 * mixtures in order, concatenated, cut at 7,500 frames), written into docs/benchmarks.md. Codes are
 * made first (not timed); then each round times the dequantization (16 layers, back to raw
 * feature units) and the decode on their own. Real-time factor = audio seconds / wall seconds,
 * and / CPU seconds of this process (less sensitive to other processes on the machine).
 * Options: --rounds N (default 3), --minutes M (default 10), --out FILE.
 */
import { cpus, loadavg, release, type } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../../src/analytics/percentile.js';
import { dequantizeLayers, firstLayers } from '../../src/decoders/reference/decode-codes.js';
import { referenceDecode } from '../../src/decoders/reference/reference-decode.js';
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
  const rows: { dequantizeMs: number; wallMs: number; cpuMs: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const features = destandardise(dequantizeLayers(codes, kit.codebooks, firstLayers(16)), kit.norm);
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    referenceDecode(features, frames);
    const cpu = process.cpuUsage(cpu0);
    rows.push({ dequantizeMs: t1 - t0, wallMs: performance.now() - t1, cpuMs: (cpu.user + cpu.system) / 1000 });
    process.stderr.write(`round ${r + 1}: ${((rows.at(-1)!.wallMs) / 1000).toFixed(1)} s\n`);
  }
  const loadEnd = loadavg()[0]!;
  const wall = percentile(rows.map((r) => r.wallMs), 50);
  const cpuMs = percentile(rows.map((r) => r.cpuMs), 50);
  const best = Math.min(...rows.map((r) => r.wallMs));
  const d = DEFAULT_REFERENCE_DECODER_OPTIONS;
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
    `npm run bench:decode${rounds !== 3 || minutes !== 10 ? ` -- --rounds ${rounds} --minutes ${minutes}` : ''}`,
    '```',
    '',
    `**Audio.** The first ${minutes} minutes of the dev mixtures (\`corpus/mixtures/\`, in name order, concatenated: ${frames.toLocaleString('en')} frames, ${seconds.toFixed(0)} s), encoded by \`${MODEL_ID}\` (not timed). **Timed**, ${rounds} rounds, one thread: dequantizing all 16 layers and mapping back to raw features, then \`referenceDecode\` with the defaults (FFT ${d.fftSize}, window ${d.windowLength}, hop ${d.hop}, ${d.iterations} Griffin–Lim iteration(s), ${d.matchIterations} matching rounds, ${d.gainPasses} loudness passes).`,
    '',
    '| measurement | median | × real time | best round |',
    '|---|---:|---:|---:|',
    `| dequantize (16 layers) + destandardise | ${percentile(rows.map((r) => r.dequantizeMs), 50).toFixed(0)} ms | ${Math.round(seconds / (percentile(rows.map((r) => r.dequantizeMs), 50) / 1000)).toLocaleString('en')}× | — |`,
    `| decode, wall clock | ${(wall / 1000).toFixed(2)} s | **${Math.round(seconds / (wall / 1000))}×** | ${(best / 1000).toFixed(2)} s (${Math.round(seconds / (best / 1000))}×) |`,
    `| decode, CPU time of this process | ${(cpuMs / 1000).toFixed(2)} s | ${Math.round(seconds / (cpuMs / 1000))}× | — |`,
    '',
    `Goal: decoding ≥ ${GOAL}× real time on the CPU — ${seconds / (wall / 1000) >= GOAL ? '**PASS**' : '**MISS**'} at this load (wall clock, median).`,
    '',
    `The decode had ${((100 * cpuMs) / wall).toFixed(0)} % of one core on average (CPU time over wall time). Nearly all of it is FFTs: with the defaults, 7 STFT passes of 1024 points at 25 frames per second of audio, plus 4 × 12.5 exact 1920-point spectra per second (docs/reference-decoder.md, "Speed"); the settings trade-off there shows random phase alone ~3× faster at 60 % instead of 80 % layer-1 round-trip agreement.`,
    END,
  ].join('\n');
  writeMarkedSection(out, section, START, END);
  process.stderr.write(`wrote ${out}\n`);
}

await main();
