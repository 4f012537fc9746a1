import { IntegrityCheckDocument } from '../../client/generated/graphql.js';
import { loadSettings } from '../../config/settings.js';
import { execute } from '../execute.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/**
 * Checks the invariants of what a database stores (the integrityCheck query). Opened here, the
 * open recovers it as every open does (WAL replayed, an interrupted migration redone, space of
 * never-committed writes trimmed); held by a running server, the server did that when it opened
 * the file, and the checks run on its store. Prints `ok` or each broken invariant; exit code 0 or 1.
 */
export async function checkCommand(options: DbOptions): Promise<number> {
  // The database as the user named it, whichever process holds it, so both print the same.
  const dbPath = loadSettings(options.db ? { dbPath: options.db } : {}).dbPath;
  return withApp(
    options,
    async (session) => {
      if (session.server) console.error(`(recovery on open is not run again: the server ran it when it opened ${session.server.db})`);
      const problems = (await execute(session, IntegrityCheckDocument, {})).data.integrityCheck;
      if (!problems.length) {
        console.log(`ok: ${dbPath} opens and every stored audio is whole (frames, layer aggregates, token counts, corpus counts agree; no orphan rows)`);
        return 0;
      }
      for (const p of problems) console.log(`broken: ${p.check} (${p.count} ${p.count === 1 ? 'row' : 'rows'})`);
      return 1;
    },
    {},
  );
}
