import { withLocalApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/**
 * Opens the database (recovering it as every open does: WAL replayed, an interrupted migration
 * redone, space of never-committed writes trimmed) and checks the invariants of what is stored.
 * Prints `ok` or each broken invariant; exit code 0 or 1.
 */
export async function checkCommand(options: DbOptions): Promise<number> {
  return withLocalApp(
    options,
    'check',
    async (app) => {
      const problems = await app.store.checkIntegrity();
      if (!problems.length) {
        console.log(`ok: ${app.settings.dbPath} opens and every stored audio is whole (frames, layer aggregates, token counts, corpus counts agree; no orphan rows)`);
        return 0;
      }
      for (const p of problems) console.log(`broken: ${p.check} (${p.count} ${p.count === 1 ? 'row' : 'rows'})`);
      return 1;
    },
    {},
  );
}
