import { resolve } from 'node:path';
import { MergeShardsDocument } from '../../client/generated/graphql.js';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import { execute } from '../execute.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';

/** Options of `tokenscope merge`: a store to merge into, or a dataset folder to write. */
export interface MergeOptions {
  into?: string;
  out?: string;
}

/**
 * Merges shard stores (`ingest --shard i/n`'s --db files) into --into (created when absent; through
 * its server when one holds it) or into a new dataset at --out, with a table of what each shard
 * brought. Returns the exit code.
 */
export async function mergeCommand(shards: readonly string[], options: MergeOptions): Promise<number> {
  if ((options.into === undefined) === (options.out === undefined)) {
    throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `merge takes --into STORE.duckdb or --out DIR, one of them; received ${options.into === undefined ? 'neither' : `both (--into ${options.into}, --out ${options.out})`}`, { argument: 'into' });
  }
  const paths = shards.map((s) => resolve(s));
  // A merge into a dataset touches no store of the user's: its scratch store lives beside --out.
  const db = options.into !== undefined ? resolve(options.into) : ':memory:';
  return withApp({ db }, async (app) => {
    const r = (await execute(app, MergeShardsDocument, { shards: paths, out: options.out === undefined ? null : resolve(options.out) })).data.mergeShards;
    console.log(
      formatTable(
        ['shard', 'audios', 'already present', 'frames', 'labels', 'runs', 'seconds'],
        r.shards.map((s) => [s.path, s.audios, s.alreadyPresent, s.frames.toLocaleString('en-US'), s.labels, s.evaluationRuns, s.seconds.toFixed(2)]),
      ),
    );
    const audios = r.shards.reduce((n, s) => n + s.audios, 0);
    const present = r.shards.reduce((n, s) => n + s.alreadyPresent, 0);
    const where = r.dataset ? `the dataset ${r.dataset.path} (corpora ${r.dataset.corpora.join(', ')})` : db;
    console.log(`\nmerged ${r.shards.length} shards into ${where}: ${audios} audios stored, ${present} already present, in ${r.seconds.toFixed(2)} s`);
    return 0;
  });
}
