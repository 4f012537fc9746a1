import type { ServerFile } from './server-file.js';
import { readServerFile } from './server-file.js';

/** A server found for a database, or why none answered. */
export type FoundServer = { kind: 'running'; server: ServerFile } | { kind: 'none' } | { kind: 'stale'; server: ServerFile; reason: string };

/** How long a server has to answer the probe, in milliseconds. */
const PROBE_TIMEOUT_MS = 3000;

/** Whether a process with this id exists (signal 0 checks without sending anything). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Finds the server that holds the database `dbPath`: its server file names a living process that
 * answers a probe with its token. A file left by a killed server (no such process, or nothing
 * answering) is "stale": the caller opens the database itself, and DuckDB's lock says whether
 * anything still holds it.
 */
export async function findServer(dbPath: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<FoundServer> {
  const server = await readServerFile(dbPath);
  if (!server) return { kind: 'none' };
  if (!processExists(server.pid)) return { kind: 'stale', server, reason: `process ${server.pid} no longer runs` };
  try {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tokenscope-cli': server.token },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { kind: 'stale', server, reason: `${server.url} answered HTTP ${response.status}` };
    return { kind: 'running', server };
  } catch (err) {
    return { kind: 'stale', server, reason: `${server.url} did not answer (${(err as Error).message})` };
  }
}
