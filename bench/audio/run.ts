import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import { openStore } from '../../src/store/store.js';
import { describeMachine } from '../machine.js';
import { writeMarkedSection } from '../report.js';
import { decodePieces, measureEncode } from './measure-encode.js';
import type { EncodeFigures } from './measure-encode.js';
import { measureDecode } from './measure-decode.js';
import { measureIngest } from './measure-ingest.js';
import type { IngestFigures } from './measure-ingest.js';
import { measurePeakMemory } from './measure-peak-memory.js';
import { AUDIO_END, AUDIO_START, audioVerdicts, renderAudioSection } from './report.js';
import type { AudioBenchReport } from './report.js';
import { prepareTestAudio } from './test-audio.js';
import type { TestFile } from './test-audio.js';
import type { Throughput } from './throughput.js';
import { integerOption } from '../integer-option.js';

const USAGE = `usage: npm run bench:audio -- [--minutes 30] [--runs 5] [--no-two-hour] [--out docs/benchmarks.md | --no-write]
                                [--source ../shared/corpus/mixtures] [--data bench/.data/audio]`;

/** Benchmark options, from the command line. */
interface Options {
  /** Minutes of audio each throughput run reads (in 5-minute files). */
  minutes: number;
  /** Rounds: each measurement is timed once per round. */
  runs: number;
  /** Run the 2-hour peak-memory ingest. */
  twoHour: boolean;
  /** Markdown file the report goes into, or null to print only. */
  out: string | null;
  /** Folder of 24 kHz WAV recordings the test audio is made from. */
  source: string;
  /** Folder for the generated audio and the scratch databases. */
  data: string;
}

function integer(name: string, raw: string, min: number): number {
  return integerOption(name, raw, min, USAGE);
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '30' },
      runs: { type: 'string', default: '5' },
      'two-hour': { type: 'boolean', default: true },
      'no-two-hour': { type: 'boolean', default: false },
      out: { type: 'string', default: 'docs/benchmarks.md' },
      'no-write': { type: 'boolean', default: false },
      source: { type: 'string', default: '../shared/corpus/mixtures' },
      data: { type: 'string', default: 'bench/.data/audio' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    minutes: integer('minutes', values.minutes, 1),
    runs: integer('runs', values.runs, 1),
    twoHour: values['two-hour'] && !values['no-two-hour'],
    out: values['no-write'] ? null : resolve(values.out),
    source: resolve(values.source),
    data: resolve(values.data),
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Appends the runs of `next` to `into` (rounds of the same measurement). */
function merge<T extends Throughput>(into: T | null, next: T): T {
  return into ? { ...into, runs: [...into.runs, ...next.runs] } : next;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  const root = process.cwd();
  const date = new Date().toISOString();
  mkdirSync(options.data, { recursive: true });
  const modelDir = join(root, 'models', REFERENCE_MODEL_ID);

  const audio = await prepareTestAudio(options.data, options.source, options.minutes, options.twoHour, log);
  const scratch = await openStore(':memory:');
  const machine = await describeMachine(scratch).finally(() => scratch.close());
  const rel = (p: string) => relative(root, p);

  log(`decoding ${audio.wavs.length} WAVs once for the encode-only runs`);
  let pieces: Float32Array[] | null = await decodePieces(audio.wavs);

  const decodeSets: { label: string; file: string; files: TestFile[] }[] = [
    { label: 'WAV 44.1 kHz stereo', file: `${audio.wavs.length} files`, files: audio.wavs },
    ...audio.compressed.map((c) => ({ label: `${c.format.toUpperCase()} 44.1 kHz stereo`, file: rel(c.path), files: [c] })),
  ];
  const decode: (Throughput | null)[] = decodeSets.map(() => null);
  const threadSettings = [0, 2];
  const encode: (EncodeFigures | null)[] = threadSettings.map(() => null);
  const concurrencies = [1, 2];
  const ingest: (IngestFigures | null)[] = concurrencies.map(() => null);
  const db = (c: number) => join(options.data, `ingest-c${c}.duckdb`);

  for (let round = 1; round <= options.runs; round++) {
    log(`round ${round}/${options.runs} (load average ${loadavg()[0]!.toFixed(2)})`);
    for (const [i, set] of decodeSets.entries()) {
      decode[i] = merge(decode[i]!, await measureDecode(set.files, 1));
      log(`  decode ${set.label}: ${(decode[i]!.audioSeconds / decode[i]!.runs.at(-1)!.wallSeconds).toFixed(0)}×`);
    }
    for (const [i, threads] of threadSettings.entries()) {
      encode[i] = merge(encode[i]!, await measureEncode(modelDir, pieces, threads, 1));
      log(`  encode threads=${threads}: ${(encode[i]!.audioSeconds / encode[i]!.runs.at(-1)!.wallSeconds).toFixed(0)}×`);
    }
    for (const [i, concurrency] of concurrencies.entries()) {
      ingest[i] = merge(ingest[i]!, await measureIngest(db(concurrency), audio.wavs, concurrency, 1));
      log(`  ingest concurrency ${concurrency}: ${(ingest[i]!.audioSeconds / ingest[i]!.runs.at(-1)!.wallSeconds).toFixed(0)}×`);
    }
  }
  pieces = null;

  let peak = null;
  if (audio.twoHour) {
    log(`2-hour ingest in a child process (load average ${loadavg()[0]!.toFixed(2)})`);
    peak = await measurePeakMemory(root, audio.twoHour, join(options.data, 'two-hours.duckdb'), log);
    log(`  peak RSS ${(peak.peakRssBytes / 1e6).toFixed(0)} MB, ${peak.wallSeconds.toFixed(1)} s`);
  }

  const report: AudioBenchReport = {
    date,
    machine,
    command: argv.length ? `npm run bench:audio -- ${argv.join(' ')}` : 'npm run bench:audio',
    runs: options.runs,
    source: { ...audio.source, dir: rel(audio.source.dir) },
    wavs: audio.wavs.map((f) => ({ ...f, path: rel(f.path) })),
    twoHour: audio.twoHour ? { ...audio.twoHour, path: rel(audio.twoHour.path) } : null,
    decode: decodeSets.map((s, i) => ({ label: s.label, file: s.file, figures: decode[i]! })),
    compressed: audio.compressed,
    encode: encode.map((e) => e!),
    ingest: ingest.map((e) => e!),
    peak,
    notes: audio.notes,
    loadAverageAtEnd: loadavg()[0]!,
  };
  writeFileSync(join(options.data, 'report.json'), JSON.stringify(report, null, 2));
  const section = renderAudioSection(report);
  console.log(section);
  if (options.out) {
    writeMarkedSection(options.out, section, AUDIO_START, AUDIO_END);
    log(`wrote ${options.out}`);
  }
  const missed = Object.entries(audioVerdicts(report)).filter(([, pass]) => !pass).map(([name]) => name);
  if (missed.length) log(`goals missed: ${missed.join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
