import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** How a CLI process ended. */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A CLI process in flight. */
export interface Running {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves when the process has ended. */
  finished: Promise<Finished>;
}

const alive = new Set<ChildProcess>();

/** Kills (SIGKILL) every CLI process a test started that is still running: for `after` hooks, so a failed test leaves no server behind. */
export function killStrays(): void {
  for (const child of alive) child.kill('SIGKILL');
}

/** Starts `tokenscope <args>` (the built CLI) in a process of its own, in `cwd` (default the repository folder). */
export function startCli(args: readonly string[], env: Record<string, string> = {}, cwd = repoRoot()): Running {
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'src', 'cli', 'main.js'), ...args], {
    cwd,
    env: { ...process.env, TOKENSCOPE_CRASH_AT: '', TOKENSCOPE_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d;
    both += d;
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
    both += d;
  });
  alive.add(child);
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code, signal) => {
      alive.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, output: () => both, finished };
}

/** Runs `tokenscope <args>` to its end, in `cwd` (default the repository folder). */
export function runCli(args: readonly string[], env: Record<string, string> = {}, cwd = repoRoot()): Promise<Finished> {
  return startCli(args, env, cwd).finished;
}

/** Resolves when the process has printed text matching `pattern`; rejects if it ends first or after `timeoutMs`. */
export function waitForOutput(running: Running, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = running.output().match(pattern);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; printed:\n${running.output()}`));
    }, timeoutMs);
    const ended = () => {
      cleanup();
      reject(new Error(`process ended before printing ${pattern}; printed:\n${running.output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      running.child.stdout!.off('data', check);
      running.child.stderr!.off('data', check);
      running.child.off('close', ended);
    };
    running.child.stdout!.on('data', check);
    running.child.stderr!.on('data', check);
    running.child.on('close', ended);
    check();
  });
}

/** A `tokenscope serve` process on a free loopback port. */
export interface ServeProcess extends Running {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Posts a GraphQL operation; resolves with the parsed JSON response. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
}

/** Starts `tokenscope serve --port 0 <args>` and resolves once it listens. */
export async function startServe(args: readonly string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const running = startCli(['serve', '--port', '0', ...args], env);
  const [, origin] = await waitForOutput(running, /dashboard at (http:\/\/127\.0\.0\.1:\d+)\//);
  return {
    ...running,
    origin: origin!,
    async graphql(query, variables = {}) {
      const res = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return res.json() as never;
    },
  };
}
