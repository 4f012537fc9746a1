import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import type { Machine } from '../machine.js';
import type { EncodeFigures } from './measure-encode.js';
import type { IngestFigures } from './measure-ingest.js';
import type { PeakMemoryFigures } from './measure-peak-memory.js';
import type { CompressedFile, TestFile } from './test-audio.js';
import { summariseThroughput } from './throughput.js';
import type { Throughput } from './throughput.js';

/** Markers delimiting this benchmark's section of docs/benchmarks.md. */
export const AUDIO_START = '<!-- bench:audio:start -->';
export const AUDIO_END = '<!-- bench:audio:end -->';

/** Goals from the issue. */
export const AUDIO_GOALS = {
  /** Encode speed of the reference encoder on the CPU, × real time. */
  encodeFactor: 500,
  /** Peak memory of a 2-hour file's ingest, bytes (1.5 GB, decimal). */
  twoHourPeakBytes: 1.5e9,
} as const;

/** Everything one audio benchmark run measured. */
export interface AudioBenchReport {
  /** ISO 8601 time the run started. */
  date: string;
  machine: Machine;
  /** The command line that produced the figures. */
  command: string;
  runs: number;
  /** Source recordings the test audio was made from. */
  source: { dir: string; files: number; seconds: number };
  wavs: TestFile[];
  twoHour: TestFile | null;
  decode: { label: string; file: string; figures: Throughput }[];
  compressed: CompressedFile[];
  encode: EncodeFigures[];
  ingest: IngestFigures[];
  peak: PeakMemoryFigures | null;
  notes: string[];
  loadAverageAtEnd: number;
}

function x(f: number): string {
  return `${Math.round(f).toLocaleString('en')}×`;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;
}

function minutes(seconds: number): string {
  return seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${(seconds / 60).toFixed(1)} min`;
}

function verdict(pass: boolean | null): string {
  return pass === null ? '—' : pass ? '**PASS**' : '**MISS**';
}

/** The verdicts of the goals, by name (the 2-hour run only when it ran). */
export function audioVerdicts(r: AudioBenchReport): Record<string, boolean> {
  const best = Math.max(...r.encode.map((e) => summariseThroughput(e).medianFactor));
  const out: Record<string, boolean> = { encode: best >= AUDIO_GOALS.encodeFactor };
  if (r.peak) out['twoHourMemory'] = peakOf(r.peak) < AUDIO_GOALS.twoHourPeakBytes;
  return out;
}

/** True when the resident set at 90 % of the run is within 20 % of that at 25 %. */
function flat(p: PeakMemoryFigures): boolean {
  const early = p.rssOverTime.find((s) => s.at === 0.25)?.bytes ?? 0;
  const late = p.rssOverTime.find((s) => s.at === 0.9)?.bytes ?? 0;
  return early > 0 && late <= early * 1.2;
}

/** The larger of the two peak readings (they should agree to within a poll interval). */
function peakOf(p: PeakMemoryFigures): number {
  return Math.max(p.peakRssBytes, p.vmHwmBytes ?? 0);
}

function throughputRow(stage: string, audio: string, t: Throughput, goal: string, pass: boolean | null): string {
  const s = summariseThroughput(t);
  const hoursPerMinute = s.medianFactor / 60;
  return `| ${stage} | ${audio} | ${t.runs.length} | **${x(s.medianFactor)}** | ${x(s.bestFactor)} | ${hoursPerMinute.toFixed(2)} | ${(s.cpuPerAudioSecond * 3600).toFixed(1)} | ${s.loadMin.toFixed(1)}–${s.loadMax.toFixed(1)} | ${goal} | ${verdict(pass)} |`;
}

const THROUGHPUT_HEADER = `| Stage | audio per run | runs | median × real time | best run | hours of audio / min (median) | CPU s per audio hour | load avg (1 min) | goal | result |
|---|---|---:|---:|---:|---:|---:|---|---|---|`;

/** Renders the section (markers included) as Markdown. */
export function renderAudioSection(r: AudioBenchReport): string {
  const m = r.machine;
  const v = audioVerdicts(r);
  const wavSeconds = r.wavs.reduce((a, f) => a + f.seconds, 0);
  const wavBytes = r.wavs.reduce((a, f) => a + f.bytes, 0);
  const rows: string[] = [];
  for (const d of r.decode) rows.push(throughputRow(`decode + resample, ${d.label}`, `${minutes(d.figures.audioSeconds)} (${d.file})`, d.figures, '—', null));
  for (const e of r.encode) {
    const pass = summariseThroughput(e).medianFactor >= AUDIO_GOALS.encodeFactor;
    rows.push(throughputRow(`encode only, reference encoder, CPU, ${e.threads === 0 ? 'default threads' : `threads=${e.threads}`}`, `${minutes(e.audioSeconds)} (${e.pieces} pieces of ≤ 750 frames)`, e, `≥ ${AUDIO_GOALS.encodeFactor}×`, pass));
  }
  for (const i of r.ingest) rows.push(throughputRow(`end-to-end ingest, concurrency ${i.concurrency}`, `${minutes(i.audioSeconds)} (${i.files} WAVs → ${i.frames.toLocaleString('en')} frames)`, i, '—', null));

  const p = r.peak;
  const peakTable = p
    ? `| file | wall s | × real time | peak RSS (getrusage) | peak RSS (/proc VmHWM) | RSS at 10 / 25 / 50 / 75 / 90 % of the run | load avg (1 min) start → end | goal | result |
|---|---:|---:|---:|---:|---|---|---|---|
| ${minutes(p.audioSeconds)} WAV, 44.1 kHz stereo 16-bit, ${mb(p.fileBytes)} | ${p.wallSeconds.toFixed(1)} | ${x(p.audioSeconds / p.wallSeconds)} | **${mb(p.peakRssBytes)}** | ${p.vmHwmBytes === null ? 'n/a' : mb(p.vmHwmBytes)} | ${p.rssOverTime.map((s) => mb(s.bytes).replace(' MB', '')).join(' / ')} MB | ${p.loadAverageStart.toFixed(1)} → ${p.loadAverageEnd.toFixed(1)} | < ${mb(AUDIO_GOALS.twoHourPeakBytes)} | ${verdict(v['twoHourMemory']!)} |`
    : '_Not run (`--no-two-hour`)._';

  const compressedLine = r.compressed.length
    ? `MP3 and FLAC: the first WAV compressed with ${r.compressed.map((c) => `\`${c.command}\``).join(' and ')} (${r.compressed.map((c) => `${c.format.toUpperCase()} ${mb(c.bytes)}`).join(', ')}).`
    : '';
  return `${AUDIO_START}
## Audio ingest benchmarks (issue: audio → tokens)

Measured ${r.date} on ${m.os}, ${m.cores} × ${m.cpu}, ${m.memoryGiB.toFixed(1)} GiB memory, Node ${m.node}, DuckDB ${m.duckdb}${m.commit ? `, commit ${m.commit}` : ''}.
1-minute load average ${m.loadAverage.toFixed(2)} when the run began and ${r.loadAverageAtEnd.toFixed(2)} when it ended (${m.cores} cores; a load above that means other processes competed for them, and every figure below is then a lower bound).

Reproduce (the first run writes the test audio to \`bench/.data/audio/\`, later runs reuse it):

\`\`\`sh
npm run build
${r.command}
\`\`\`

**Audio.** ${r.wavs.length} WAV files of ≤ 5 minutes, ${minutes(wavSeconds)} in all (${mb(wavBytes)}), 44.1 kHz stereo 16-bit, made by
\`bench/audio/test-audio.ts\` from the dev corpus mixtures (${r.source.files} real recordings, 24 kHz mono, ${minutes(r.source.seconds)}, looped): a
naive linear-interpolation upsampler to 44.1 kHz, left channel 0.9·x(t), right 0.75·x(t − 3 ms), each file starting at a different
point of the loop. The same bytes on every machine. ${compressedLine}${r.twoHour ? ` The 2-hour file is made the same way (${mb(r.twoHour.bytes)}).` : ''}
${r.notes.map((n) => `\n> ${n}`).join('')}
**What is timed.** Each round runs every measurement once, in the order of the table, and the rounds repeat ${r.runs} times, so
changes in the machine's load hit all of them alike. *Decode + resample*: \`readAudio24k\` over the files (decode, channel average,
band-limited resample to 24 kHz mono; the files are in the page cache after the first round). *Encode only*: the files decoded once
beforehand and cut as the ingest cuts them, in pieces of 750 frames (60 s), each passed to \`Tokenizer.encode\` of the shipped reference
encoder (\`models/${REFERENCE_MODEL_ID}\`, opened with \`openTokenizer\`, device cpu); opening and warm-up are not timed. *End-to-end ingest*:
\`ingestAudioFiles\` through the app's own wiring (\`createApp\`: audio layer, encoder pool, store) into a fresh DuckDB file: hash, probe,
decode, resample, encode, store codes and aggregates; opening the database and the encoder is not timed. *CPU s per audio hour*: CPU time
of the whole process (every thread) per hour of audio, which load on the machine does not inflate: one free core gives
3600 / that figure × real time for single-threaded work.

### Throughput

${THROUGHPUT_HEADER}
${rows.join('\n')}

### A 2-hour file

The real CLI in its own process, through the API's background ingest job, into a fresh database (one run, after the rounds above):

\`\`\`sh
${p ? p.command : 'node dist/src/cli/main.js ingest --corpus bench-2h --device cpu --db bench/.data/audio/two-hours.duckdb bench/.data/audio/two-hours.wav'}
\`\`\`

Peak memory is read two ways: \`getrusage\`'s \`ru_maxrss\` written at exit by a preloaded hook (\`node --import bench/audio/peak-rss-hook.js\`,
the program itself unchanged), and \`VmHWM\` from \`/proc/<pid>/status\` polled every 200 ms (\`/usr/bin/time -v\` on the same command
reports the same measure as "Maximum resident set size"). MB = 10⁶ bytes; the goal is read as 1.5 × 10⁹ bytes.

${peakTable}
${p ? `\nWall time includes opening the model (sha256 of the ONNX file, warm-up) and the database; the DuckDB file holds ${mb(p.databaseBytes)} afterwards.\n` : ''}
### Reading

${reading(r)}
${AUDIO_END}`;
}

function reading(r: AudioBenchReport): string {
  const lines: string[] = [];
  const cores = r.machine.cores;
  const wav = r.decode[0];
  if (wav) {
    const s = summariseThroughput(wav.figures);
    lines.push(`- Decoding and resampling 44.1 kHz stereo WAV runs at ${x(s.medianFactor)} real time at the median (${x(1 / s.cpuPerAudioSecond)} per second of CPU time): one hour of such audio takes ${(3600 / s.medianFactor).toFixed(1)} s.`);
  }
  for (const d of r.decode.slice(1)) lines.push(`- ${d.label} decodes at ${x(summariseThroughput(d.figures).medianFactor)} real time (WASM decoder, then the same resampler).`);
  const enc = r.encode.map((e) => ({ e, s: summariseThroughput(e) })).sort((a, b) => b.s.medianFactor - a.s.medianFactor);
  const top = enc[0];
  if (top) {
    lines.push(
      `- The reference encoder encodes at ${x(top.s.medianFactor)} real time at the median with ${top.e.threads === 0 ? 'onnxruntime\'s default threads' : `${top.e.threads} threads`} (best run ${x(top.s.bestFactor)}); ` +
        `the goal of ${AUDIO_GOALS.encodeFactor}× is ${top.s.medianFactor >= AUDIO_GOALS.encodeFactor ? 'met' : 'missed at the median'}. ` +
        `It spends ${(top.s.cpuPerAudioSecond * 3600).toFixed(1)} CPU s per audio hour, about ${x(1 / top.s.cpuPerAudioSecond)} per fully used core; the load average of ${top.s.loadMin.toFixed(1)}–${top.s.loadMax.toFixed(1)} on ${cores} cores during the runs says how much of a core it got.`,
    );
  }
  const byThreads = new Map(enc.map(({ e, s }) => [e.threads, s]));
  const one = byThreads.get(0);
  const two = byThreads.get(2);
  if (one && two) {
    lines.push(
      `- With two intra-op threads the encoder reached ${x(two.bestFactor)} in its best run but ${x(two.medianFactor)} at the median, spending ${(two.cpuPerAudioSecond * 3600).toFixed(1)} CPU s per audio hour against ${(one.cpuPerAudioSecond * 3600).toFixed(1)} with the default ` +
        `(which, checked separately with onnxruntime-node 1.30 on this machine, runs one compute thread, like \`threads=1\`): the second thread pays off only when a core is idle, and its spin-waiting costs CPU when the machine is shared.`,
    );
  }
  for (const i of r.ingest) {
    const s = summariseThroughput(i);
    lines.push(`- End to end with concurrency ${i.concurrency}: ${(s.medianFactor / 60).toFixed(2)} hours of audio per minute (${x(s.medianFactor)} real time), from WAV files to stored codes.`);
  }
  if (r.ingest.length === 2) {
    const [a, b] = r.ingest.map((i) => summariseThroughput(i).medianFactor);
    const gain = ((b! / a!) - 1) * 100;
    lines.push(
      `- A second worker changes the median by ${gain >= 0 ? '+' : ''}${gain.toFixed(0)} %. Decoding, resampling and the encoder's \`run\` all execute on the one JavaScript thread ` +
        `(onnxruntime-node 1.30 runs the session synchronously inside a \`setImmediate\`), so two files in flight take turns on it rather than overlapping; ` +
        `only onnxruntime's own intra-op threads (threads ≥ 2) and DuckDB's run beside it. Decode + resample costs about ${wav ? (summariseThroughput(wav.figures).cpuPerAudioSecond * 3600).toFixed(0) : '?'} CPU s per audio hour against ${top ? (top.s.cpuPerAudioSecond * 3600).toFixed(0) : '?'} for encoding, so the ingest is bound by decoding on that thread.`,
    );
  }
  if (r.peak) {
    const p = r.peak;
    lines.push(
      `- The 2-hour file (${mb(p.fileBytes)} on disk) ingested in ${p.wallSeconds.toFixed(0)} s with a peak resident set of ${mb(peakOf(p))}, ` +
        `${peakOf(p) < AUDIO_GOALS.twoHourPeakBytes ? 'under' : 'over'} the 1.5 GB bar. ${flat(p) ? 'Memory levels off early in the run' : 'Memory keeps growing over the run'} (${p.rssOverTime.map((s) => mb(s.bytes).replace(' MB', '')).join(', ')} MB at 10–90 %): ` +
        `audio is read in 1 MiB blocks and encoded in 60 s pieces, so what must grow with the length is the code matrix (${mb(p.audioSeconds * 12.5 * 16 * 2)} for 2 hours) until it is stored.`,
    );
  }
  return lines.join('\n');
}
