import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { removeDatabase } from './measure-ingest.js';
import type { TestFile } from './test-audio.js';

/** What the 2-hour ingest in its own process used. */
export interface PeakMemoryFigures {
  /** The command run (paths relative to the repository root). */
  command: string;
  /** Duration of the file, seconds. */
  audioSeconds: number;
  fileBytes: number;
  exitCode: number;
  /** Wall-clock seconds of the whole command (opening the model and database included). */
  wallSeconds: number;
  /** Peak resident set size from getrusage at the child's exit, bytes. */
  peakRssBytes: number;
  /** Peak resident set size from /proc/<pid>/status VmHWM, last read before the exit (null off Linux), bytes. */
  vmHwmBytes: number | null;
  /** Resident set size at 10 %, 25 %, 50 %, 75 %, 90 % of the run, bytes (from /proc polling). */
  rssOverTime: { at: number; bytes: number }[];
  /** Size of the DuckDB file after the run, bytes. */
  databaseBytes: number;
  loadAverageStart: number;
  loadAverageEnd: number;
}

function statusKiB(pid: number, field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs the real CLI (`tokenscope ingest`, through the API's background job) on `file` into a fresh
 * database in a child process, and measures its peak memory two ways: getrusage's ru_maxrss written
 * at exit by a preloaded hook, and /proc VmHWM polled every 200 ms.
 */
export async function measurePeakMemory(root: string, file: TestFile, db: string, log: (line: string) => void): Promise<PeakMemoryFigures> {
  removeDatabase(db);
  const rssFile = `${db}.peak-rss.json`;
  const logFile = `${db}.log`;
  rmSync(rssFile, { force: true });
  const hook = fileURLToPath(new URL('./peak-rss-hook.js', import.meta.url));
  const cli = `${root}/dist/src/cli/main.js`;
  const args = ['ingest', '--corpus', 'bench-2h', '--device', 'cpu', '--db', db, file.path];
  const loadAverageStart = loadavg()[0]!;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(hook).href, cli, ...args], {
    cwd: root,
    env: { ...process.env, TOKENSCOPE_BENCH_PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let vmHwmKiB: number | null = null;
  const samples: { t: number; kib: number }[] = [];
  const poll = setInterval(() => {
    const hwm = statusKiB(child.pid!, 'VmHWM');
    const rss = statusKiB(child.pid!, 'VmRSS');
    if (hwm !== null) vmHwmKiB = Math.max(vmHwmKiB ?? 0, hwm);
    if (rss !== null) samples.push({ t: performance.now() - t0, kib: rss });
  }, 200);
  const exitCode: number = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  clearInterval(poll);
  const wallMs = performance.now() - t0;
  writeFileSync(logFile, output);
  if (exitCode !== 0) throw new Error(`the 2-hour ingest exited with ${exitCode}; its output is in ${logFile}:\n${output.slice(-2000)}`);
  if (!existsSync(rssFile)) throw new Error(`the peak-RSS hook wrote no ${rssFile}`);
  const { maxRssKiB } = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number };
  log(`2-hour ingest output (${logFile}):\n${output.trim().split('\n').slice(-4).join('\n')}`);
  const rssOverTime = [0.1, 0.25, 0.5, 0.75, 0.9].map((at) => {
    const s = samples.find((x) => x.t >= at * wallMs) ?? samples[samples.length - 1];
    return { at, bytes: (s?.kib ?? 0) * 1024 };
  });
  const rel = (p: string) => relative(root, p);
  return {
    command: `node dist/src/cli/main.js ${args.map((a) => (a === db || a === file.path ? rel(a) : a)).join(' ')}`,
    audioSeconds: file.seconds,
    fileBytes: file.bytes,
    exitCode,
    wallSeconds: wallMs / 1000,
    peakRssBytes: maxRssKiB * 1024,
    vmHwmBytes: vmHwmKiB === null ? null : vmHwmKiB * 1024,
    rssOverTime,
    databaseBytes: statSync(db).size,
    loadAverageStart,
    loadAverageEnd: loadavg()[0]!,
  };
}
