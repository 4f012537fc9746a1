import { SingleBar } from 'cli-progress';

/** Seconds between progress lines when stderr is not a terminal (CI logs, pipes). */
const NOT_A_TERMINAL_EVERY_MS = 5000;

/**
 * A progress bar on stderr: redrawn in place on a terminal; elsewhere (a CI log, a pipe) one line
 * every 5 s, so a long ingest shows its progress without filling the log.
 */
export function progressBar(format: string): SingleBar {
  return new SingleBar({ format, stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: NOT_A_TERMINAL_EVERY_MS });
}
