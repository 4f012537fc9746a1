/**
 * Named moments at which the crash tests kill the process (SIGKILL, like `kill -9`), so that the
 * windows that matter (migrations committed but not checkpointed, a file's transaction half
 * written) are hit every time instead of by luck. Off unless TOKENSCOPE_CRASH_AT names the point;
 * TOKENSCOPE_CRASH_AFTER=n fires at the n-th time the point is reached (default 1);
 * TOKENSCOPE_CRASH_SIGNAL=SIGINT or SIGTERM sends that signal instead (an interruption at a known moment).
 */
export type CrashPoint =
  /** The migrations are committed to the WAL, the checkpoint that follows them has not run. */
  | 'migrations-committed'
  /** Inside a file's ingest transaction, after its frames were appended and before COMMIT. */
  | 'ingest-before-commit'
  /** Right after a file's ingest transaction committed, before anyone was told. */
  | 'ingest-after-commit'
  /** Inside a shard's merge transaction (tokenscope merge), after its rows were inserted and before COMMIT. */
  | 'merge-before-commit';

let reached = 0;

/** Signals the process (SIGKILL unless TOKENSCOPE_CRASH_SIGNAL says otherwise) when TOKENSCOPE_CRASH_AT names `point` (tests only). */
export function crashPoint(point: CrashPoint): void {
  if (process.env['TOKENSCOPE_CRASH_AT'] !== point) return;
  reached++;
  if (reached !== Number(process.env['TOKENSCOPE_CRASH_AFTER'] ?? 1)) return;
  const signal = process.env['TOKENSCOPE_CRASH_SIGNAL'] ?? 'SIGKILL';
  process.kill(process.pid, signal === 'SIGINT' || signal === 'SIGTERM' ? signal : 'SIGKILL');
}
