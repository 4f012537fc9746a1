import { ErrorCode, TokenscopeError } from '../errors.js';
import { excerpt } from '../jsutils/excerpt.js';
import { recordChange, versionedTransaction } from '../store/data-versions.js';
import { datasetRuns, insertDataset, insertRunOnce } from '../store/parquet-dataset.js';
import type { Store } from '../store/store.js';
import { checkDataset } from './check-dataset.js';
import { readManifest } from './read-manifest.js';
import { remapRunReport } from '../store/remap-run.js';

/** What an import stored. */
export interface DatasetImport {
  /** Corpora imported into, by name. */
  corpora: string[];
  /** Audios stored. */
  audios: number;
  /** Audios of the dataset already stored with the same identity (corpus, model, content sha256): left as they were. */
  alreadyPresent: number;
  frames: number;
  labels: number;
  /** Evaluation runs stored (a run the corpus already holds, same time, name, spec and report, is not stored again). */
  evaluationRuns: number;
}

/**
 * Imports a tokenscope dataset (tokenscope export) from `dir` (absolute): reads and checks its
 * manifest and files first (checkDataset), then stores everything in one transaction, so a
 * failure stores nothing and changes nothing already stored. `corpus` renames the dataset's one
 * corpus (INVALID_ARGUMENT when it holds several). Audios already stored with the same identity
 * are left as they are, as ingest does; runs are stored with their audio references moved to the
 * store's audio ids.
 */
export async function importDataset(store: Store, dir: string, corpus: string | null = null): Promise<DatasetImport> {
  const manifest = await readManifest(dir);
  const present = await checkDataset(store.db, dir, manifest);
  if (corpus !== null && manifest.corpora.length !== 1) {
    throw new TokenscopeError(ErrorCode.INVALID_ARGUMENT, `corpus renames the one corpus of a dataset; ${dir} holds ${manifest.corpora.length} (${manifest.corpora.slice(0, 5).map((c) => excerpt(c)).join(', ')})`, { argument: 'corpus' });
  }
  return versionedTransaction(store.db, async (tx) => {
    const rows = await insertDataset(tx, dir, present, corpus);
    let runs = 0;
    if (present.has('evaluation_runs')) {
      for (const run of await datasetRuns(tx, dir)) {
        const corpusId = rows.corpusIds.get(corpus ?? run.corpus);
        if (corpusId === undefined) throw new TokenscopeError(ErrorCode.INVALID_DATASET, `${dir}/evaluation_runs: run_key ${run.runKey} belongs to corpus ${excerpt(run.corpus)}, which the corpora table does not list`, { table: 'evaluation_runs', runKey: run.runKey });
        const spec = corpus === null ? run.spec : JSON.stringify({ ...(JSON.parse(run.spec) as Record<string, unknown>), corpus });
        const report = JSON.stringify(remapRunReport(JSON.parse(run.report) as Record<string, unknown>, rows.audioIds));
        if (await insertRunOnce(tx, corpusId, { createdAt: run.createdAt, name: run.name, spec, report })) runs++;
      }
    }
    recordChange(tx, { corpusIds: [...rows.corpusIds.values()], catalog: true });
    return { corpora: [...rows.corpusIds.keys()].sort(), audios: rows.audios, alreadyPresent: rows.alreadyPresent, frames: rows.frames, labels: rows.labels, evaluationRuns: runs };
  });
}
