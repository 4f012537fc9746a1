/**
 * `npm run bench:decode-compare -- --baseline DIR`: the reference decoder of this build against
 * that of another build (DIR: the root of its compiled output, holding src/decoders/reference/),
 * side by side in one process: the same features, the rounds alternating old and new, CPU time of
 * this process (process.cpuUsage: this thread, or with --pool T the ReferenceDecodePool of each build with T
 * workers, all threads) per decode, and the two outputs' bytes compared (a speed change
 * must keep them identical). The audio is generated: noise stepping through levels with a 440 Hz
 * tone, and a stretch of digital silence (zero samples) every 30 s. Rounds alternate which build
 * goes first. Prints one line per round and the medians (CPU and wall clock). Options: --frames N (default 1500, 2 minutes), --rounds R (default 9), --pool T,
 * --settings-changed (the two builds' decoder settings differ, so their bytes may: compare the speed only).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile } from '../../src/analytics/percentile.js';
import { ReferenceDecodePool } from '../../src/decoders/reference/decode-pool.js';
import { referenceDecode } from '../../src/decoders/reference/reference-decode.js';
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../src/domain/contract.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';
import { openFrontEnd } from '../../scripts/build-model/features.js';

type Decode = (features: Float32Array, n: number) => Float32Array | Promise<Float32Array>;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function audio(frames: number): Float32Array {
  const random = mulberry32(11);
  const levels = [-14, -38, -22, -30, -50];
  return Float32Array.from({ length: frames * SAMPLES_PER_FRAME }, (_, n) => {
    if (n % (30 * SAMPLE_RATE) >= 29 * SAMPLE_RATE) return 0;
    const level = 10 ** (levels[Math.floor(n / 1200) % levels.length]! / 20);
    return (random() * 2 - 1) * level + 0.1 * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE);
  });
}

async function cpuMs(decode: Decode, features: Float32Array, frames: number): Promise<{ ms: number; wallMs: number; out: Float32Array }> {
  const start = process.cpuUsage();
  const t0 = performance.now();
  const out = await decode(features, frames);
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, wallMs, out };
}

async function main(): Promise<void> {
  const baseline = option('baseline');
  if (!baseline) throw new Error('--baseline DIR is required (the compiled output of the build to compare with)');
  const frames = Number(option('frames') ?? 1500);
  const rounds = Number(option('rounds') ?? 9);
  const threads = option('pool') === undefined ? 0 : Number(option('pool'));
  // A build whose decoder settings changed decodes other bytes; then only the speed is compared.
  const settingsChanged = process.argv.includes('--settings-changed');
  const oldDecode = (await import(pathToFileURL(resolve(baseline, 'src/decoders/reference/reference-decode.js')).href)) as { referenceDecode: Decode };
  const oldPools = (await import(pathToFileURL(resolve(baseline, 'src/decoders/reference/decode-pool.js')).href)) as { ReferenceDecodePool: typeof ReferenceDecodePool };
  const pools = threads > 0 ? [new oldPools.ReferenceDecodePool(threads), new ReferenceDecodePool(threads)] : null;
  const old = { referenceDecode: pools ? (f: Float32Array, n: number) => pools[0]!.decode(f, n) : oldDecode.referenceDecode };
  const current = pools ? (f: Float32Array, n: number) => pools[1]!.decode(f, n) : referenceDecode;
  const frontEnd = await openFrontEnd();
  const features = await frontEnd.features(audio(frames));
  await frontEnd.release();
  const seconds = (frames * SAMPLES_PER_FRAME) / SAMPLE_RATE;
  // Warm-up: both compiled (and the pools' workers started) before the timing.
  for (let i = 0; i < Math.max(1, 2 * threads); i++) await Promise.all([old.referenceDecode(features.subarray(0, 40 * 72), 40), current(features.subarray(0, 40 * 72), 40)]);
  const before: number[] = [];
  const after: number[] = [];
  const wallBefore: number[] = [];
  const wallAfter: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternating which goes first, so that neither always runs on a warmer (or a more loaded) machine.
    const oldFirst = r % 2 === 0;
    const first = await cpuMs(oldFirst ? old.referenceDecode : current, features, frames);
    const second = await cpuMs(oldFirst ? current : old.referenceDecode, features, frames);
    const [a, b] = oldFirst ? [first, second] : [second, first];
    const same = Buffer.from(a.out.buffer).equals(Buffer.from(b.out.buffer));
    if (!same && !settingsChanged) throw new Error(`round ${r + 1}: the two builds decoded different bytes (pass --settings-changed if the decoder's settings changed on purpose)`);
    before.push(a.ms);
    after.push(b.ms);
    wallBefore.push(a.wallMs);
    wallAfter.push(b.wallMs);
    process.stdout.write(`round ${r + 1}: baseline ${a.ms.toFixed(0)} ms, this build ${b.ms.toFixed(0)} ms of CPU; wall clock ${a.wallMs.toFixed(0)} and ${b.wallMs.toFixed(0)} ms (bytes ${same ? 'equal' : 'differ'})\n`);
  }
  if (pools) await Promise.all(pools.map((p) => p.close()));
  const mb = percentile(before, 50);
  const ma = percentile(after, 50);
  const ratio = percentile(before.map((b, i) => after[i]! / b), 50);
  const x = (ms: number) => (seconds / (ms / 1000)).toFixed(1);
  const wb = percentile(wallBefore, 50);
  const wa = percentile(wallAfter, 50);
  process.stdout.write(`${threads > 0 ? `pools of ${threads} worker threads, CPU of all threads; ` : 'one thread; '}${frames} frames (${seconds.toFixed(0)} s), median CPU: baseline ${mb.toFixed(0)} ms (${x(mb)}× real time per CPU second), this build ${ma.toFixed(0)} ms (${x(ma)}×): ${((100 * (mb - ma)) / mb).toFixed(1)} % less; median of the rounds' ratios ${ratio.toFixed(3)}; median wall clock: baseline ${x(wb)}× real time, this build ${x(wa)}×\n`);
}

await main();
