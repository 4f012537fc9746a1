import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { probeAudio, readAllAudio24k } from '../../src/audio/index.js';
import { WavWriter } from './wav-writer.js';

/** Rate and channels of the generated WAVs: what a typical recording looks like (CD audio). */
export const TEST_RATE = 44_100;
export const TEST_CHANNELS = 2;
/** Length of each throughput file, seconds. */
const FILE_SECONDS = 300;
/** Bumped whenever the generated audio changes, so cached files are made again. */
const GENERATOR_VERSION = 1;

/** One generated file. */
export interface TestFile {
  path: string;
  /** Duration, seconds. */
  seconds: number;
  bytes: number;
}

/** A compressed copy of the first WAV, made with the command-line encoder named. */
export interface CompressedFile extends TestFile {
  format: 'mp3' | 'flac';
  /** The command that made it. */
  command: string;
}

/** The audio the benchmark reads. */
export interface TestAudio {
  /** 5-minute 44.1 kHz stereo 16-bit WAVs, `minutes` in all. */
  wavs: TestFile[];
  /** The 2-hour WAV (same format), when asked for. */
  twoHour: TestFile | null;
  compressed: CompressedFile[];
  /** Why a compressed format is missing (tool not installed). */
  notes: string[];
  /** The source recordings: file count and total seconds. */
  source: { dir: string; files: number; seconds: number };
}

/** The source recordings (24 kHz mono WAVs) concatenated in file-name order. */
async function loadSource(dir: string): Promise<{ samples: Float32Array; files: string[] }> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`--source ${dir}: holds no .wav files`);
  const parts = await Promise.all(files.map((f) => readAllAudio24k(f)));
  const samples = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    samples.set(p, at);
    at += p.length;
  }
  return { samples, files };
}

/**
 * Writes `seconds` of 44.1 kHz stereo from the looped 24 kHz mono `source`, starting `offset`
 * source samples in: linear interpolation (a naive upsampler, enough for a benchmark input), left =
 * 0.9·x(t), right = 0.75·x(t − 3 ms), so the channels differ and the downmix does real work.
 */
async function writeUpsampled(path: string, source: Float32Array, offset: number, seconds: number): Promise<void> {
  const writer = await WavWriter.create(path, TEST_RATE, TEST_CHANNELS);
  const total = Math.round(seconds * TEST_RATE);
  const block = TEST_RATE * 10;
  const n = source.length;
  const delay = 72; // 3 ms at 24 kHz
  const at = (i: number, frac: number): number => {
    const a = source[((i % n) + n) % n]!;
    const b = source[(((i + 1) % n) + n) % n]!;
    return a + (b - a) * frac;
  };
  const pcm = (x: number): number => Math.max(-32768, Math.min(32767, Math.round(x * 32767)));
  for (let start = 0; start < total; start += block) {
    const frames = Math.min(block, total - start);
    const out = new Int16Array(frames * TEST_CHANNELS);
    for (let k = 0; k < frames; k++) {
      const num = (start + k) * 80; // position in source samples = n · 24000/44100 = n · 80/147
      const i = offset + Math.floor(num / 147);
      const frac = (num % 147) / 147;
      out[2 * k] = pcm(0.9 * at(i, frac));
      out[2 * k + 1] = pcm(0.75 * at(i - delay, frac));
    }
    await writer.write(out);
  }
  await writer.close();
}

/** True when `path` exists and was made with `key` (kept in a `.key` file beside it). */
function fresh(path: string, key: string): boolean {
  return existsSync(path) && existsSync(`${path}.key`) && readFileSync(`${path}.key`, 'utf8') === key;
}

function described(path: string, seconds: number): TestFile {
  return { path, seconds, bytes: statSync(path).size };
}

function hasTool(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Generates (or reuses, when already made from the same source) the benchmark audio in `dir`:
 * `minutes` of 5-minute WAVs, optionally the 2-hour WAV, and MP3/FLAC copies of the first WAV when
 * `lame` / `flac` are installed. Deterministic: the same source gives the same bytes.
 */
export async function prepareTestAudio(dir: string, sourceDir: string, minutes: number, twoHour: boolean, log: (line: string) => void): Promise<TestAudio> {
  if (!existsSync(sourceDir)) throw new Error(`--source ${sourceDir}: folder not found (expected the dev corpus mixtures, ../shared/corpus/mixtures)`);
  mkdirSync(join(dir, 'wav'), { recursive: true });
  const sourceFiles = readdirSync(sourceDir).filter((f) => f.endsWith('.wav')).sort();
  const sourceKey = `v${GENERATOR_VERSION} ${sourceFiles.map((f) => `${f}:${statSync(join(sourceDir, f)).size}`).join(',')}`;
  let source: Float32Array | null = null;
  const sourceSamples = async (): Promise<Float32Array> => {
    if (!source) {
      log(`reading the source recordings in ${sourceDir}`);
      source = (await loadSource(sourceDir)).samples;
    }
    return source;
  };

  const wavs: TestFile[] = [];
  const count = Math.ceil((minutes * 60) / FILE_SECONDS);
  for (let k = 0; k < count; k++) {
    const seconds = Math.min(FILE_SECONDS, minutes * 60 - k * FILE_SECONDS);
    const path = join(dir, 'wav', `clip-${String(k).padStart(2, '0')}.wav`);
    const offset = k * 97 * 24_000; // each file starts elsewhere in the source, so no two are alike
    const key = `${sourceKey} offset ${offset} seconds ${seconds}`;
    if (!fresh(path, key)) {
      log(`writing ${path} (${seconds} s)`);
      await writeUpsampled(path, await sourceSamples(), offset, seconds);
      writeFileSync(`${path}.key`, key);
    }
    wavs.push(described(path, seconds));
  }

  let twoHourFile: TestFile | null = null;
  if (twoHour) {
    const path = join(dir, 'two-hours.wav');
    const key = `${sourceKey} offset 0 seconds 7200`;
    if (!fresh(path, key)) {
      log(`writing ${path} (2 hours, ${((7200 * TEST_RATE * TEST_CHANNELS * 2) / 1e9).toFixed(2)} GB)`);
      await writeUpsampled(path, await sourceSamples(), 0, 7200);
      writeFileSync(`${path}.key`, key);
    }
    twoHourFile = described(path, 7200);
  }

  const compressed: CompressedFile[] = [];
  const notes: string[] = [];
  const first = wavs[0]!;
  const encoders: { format: 'mp3' | 'flac'; tool: string; args: (out: string) => string[] }[] = [
    { format: 'mp3', tool: 'lame', args: (out) => ['--quiet', '-b', '192', first.path, out] },
    { format: 'flac', tool: 'flac', args: (out) => ['--silent', '--force', '-o', out, first.path] },
  ];
  mkdirSync(join(dir, 'compressed'), { recursive: true });
  for (const e of encoders) {
    if (!hasTool(e.tool)) {
      notes.push(`${e.format.toUpperCase()} skipped: \`${e.tool}\` is not installed`);
      continue;
    }
    const path = join(dir, 'compressed', `${basename(first.path, '.wav')}.${e.format}`);
    const key = `${readFileSync(`${first.path}.key`, 'utf8')} ${e.tool} ${e.args('OUT').join(' ')}`;
    if (!fresh(path, key)) {
      log(`encoding ${path} with ${e.tool}`);
      execFileSync(e.tool, e.args(path), { stdio: 'ignore' });
      writeFileSync(`${path}.key`, key);
    }
    compressed.push({ ...described(path, first.seconds), format: e.format, command: `${e.tool} ${e.args(`${e.format === 'mp3' ? 'out.mp3' : 'out.flac'}`).join(' ').replace(first.path, basename(first.path))}` });
  }

  let sourceSeconds = 0;
  for (const f of sourceFiles) sourceSeconds += (await probeAudio(join(sourceDir, f))).durationSeconds ?? 0;
  return { wavs, twoHour: twoHourFile, compressed, notes, source: { dir: sourceDir, files: sourceFiles.length, seconds: sourceSeconds } };
}
