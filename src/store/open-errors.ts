import { ErrorCode, TokenscopeError } from '../errors.js';

/** DuckDB's words when another process holds the file: `Conflicting lock is held in <program> (PID <n>)`. */
const LOCK_HOLDER = /Conflicting lock is held in (.*?) \(PID (\d+)\)/;

/** True when DuckDB could not open a file because replaying its write-ahead log failed. */
export function isWalReplayFailure(err: unknown): boolean {
  return err instanceof Error && /Failure while replaying WAL/i.test(err.message);
}

/**
 * The domain error for a failed DuckDB open: DATABASE_BUSY naming the process that holds the
 * file (a running `tokenscope serve`, most often), UNREADABLE_FILE for everything else.
 */
export function openError(path: string, err: unknown): TokenscopeError {
  const message = err instanceof Error ? err.message : String(err);
  const holder = LOCK_HOLDER.exec(message);
  if (holder) {
    const [, program, pid] = holder;
    return new TokenscopeError(
      ErrorCode.DATABASE_BUSY,
      `database ${path} is in use by another process (${program}, PID ${pid}): DuckDB lets one process open a file for writing; stop that process (a running \`tokenscope serve\`?) or use another --db`,
      { path, holderPid: Number(pid), holderProgram: program },
      { cause: err },
    );
  }
  return new TokenscopeError(ErrorCode.UNREADABLE_FILE, `cannot open database ${path}: ${message}`, { path }, { cause: err });
}
