/** The termination signals every command handles. */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type TerminationSignal = (typeof SIGNALS)[number];

/** The shell's exit status for a process ended by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
const EXIT_CODES: Record<TerminationSignal, number> = { SIGINT: 130, SIGTERM: 143 };

const controller = new AbortController();
let received: TerminationSignal | null = null;

/**
 * Aborted by the first SIGINT (Ctrl-C) or SIGTERM: a command then finishes the work in hand (a file
 * being stored), starts nothing new, closes the store and prints its summary. Commands that loop
 * check it between items; short ones simply finish.
 */
export const interruption: AbortSignal = controller.signal;

/**
 * Installs the handlers, once per process. The first signal aborts `interruption`; a second one
 * exits at once, which loses nothing stored: every committed file is in DuckDB's WAL and is
 * replayed at the next open. (Without handlers, Node would die at the first signal without
 * closing the store; Apollo's own handlers are off for the same reason, see api/server.ts.)
 */
export function installInterruptHandlers(log: (line: string) => void = (line) => console.error(line)): void {
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (received) {
        log(`\n${signal} again: exiting now (everything already stored stays stored)`);
        process.exit(EXIT_CODES[signal]);
      }
      received = signal;
      log(`\n${signal}: stopping after the work in hand (${signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM'} again to exit at once)…`);
      controller.abort(signal);
    });
  }
}

/** The exit status the process should end with after an interruption (130 or 143), or null if none came. */
export function interruptedExitCode(): number | null {
  return received ? EXIT_CODES[received] : null;
}

/** Resolves when the first termination signal arrives (at once if one already has). */
export function untilInterrupted(): Promise<TerminationSignal> {
  return new Promise((resolve) => {
    if (interruption.aborted) resolve(interruption.reason as TerminationSignal);
    else interruption.addEventListener('abort', () => resolve(interruption.reason as TerminationSignal), { once: true });
  });
}
