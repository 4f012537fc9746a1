import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** Resident memory of a process from /proc (Linux), in bytes: now and its peak so far. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), peak: kib('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * `tokenscope serve` in a child process on 127.0.0.1 (a free port), so its memory is its own to
 * measure: the resident set is sampled every 50 ms, and the peak the kernel saw is read at the end.
 */
export class BenchServer {
  private sampler: NodeJS.Timeout | null = null;
  private sampledPeak = 0;

  private constructor(
    private readonly child: ChildProcess,
    /** The GraphQL endpoint. */
    readonly url: string,
  ) {
    this.sampler = setInterval(() => this.sample(), 50);
  }

  /** Starts the server on `db` with `dataRoot` readable and `env` added to the environment. */
  static async start(db: string, dataRoot: string, env: Record<string, string> = {}): Promise<BenchServer> {
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--data-root', dataRoot], {
      env: { ...process.env, TOKENSCOPE_DEVICE: 'cpu', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /GraphQL API at (\S+)/.exec(output);
        if (found) resolve(found[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`tokenscope serve exited with code ${code} before listening:\n${output}`)));
    });
    return new BenchServer(child, url);
  }

  /** Highest resident set seen since the last call (or the start), in bytes; starts a new window. */
  takePeakRss(): number {
    this.sample();
    const peak = this.sampledPeak;
    this.sampledPeak = 0;
    return peak;
  }

  /** Peak resident set of the whole run as the kernel counted it (VmHWM), in bytes. */
  lifetimePeakRss(): number {
    return memoryOf(this.child.pid!)?.peak ?? NaN;
  }

  /** Stops the server (SIGTERM: it drains and closes its store) and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }

  private sample(): void {
    const m = memoryOf(this.child.pid!);
    if (m) this.sampledPeak = Math.max(this.sampledPeak, m.rss);
  }
}
