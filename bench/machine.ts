import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Store } from '../src/store/store.js';

/** Where the figures were taken. */
export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  /** Total memory in GiB. */
  memoryGiB: number;
  node: string;
  duckdb: string;
  /** 1-minute load average when the measurements began (other processes compete for the cores). */
  loadAverage: number;
  /** Short commit hash of the working tree, when it is a git checkout. */
  commit: string | null;
}

function gitCommit(): string | null {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${hash} (with uncommitted changes)` : hash;
  } catch {
    return null;
  }
}

/** Describes this machine, Node and the DuckDB library the store runs on. */
export async function describeMachine(store: Store): Promise<Machine> {
  const [row] = await store.db.query('SELECT version() AS version');
  const list = cpus();
  return {
    os: `${type()} ${release()}`,
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    duckdb: String(row?.['version'] ?? 'unknown'),
    loadAverage: loadavg()[0]!,
    commit: gitCommit(),
  };
}
