import { resolve } from 'node:path';
import { IngestAudioDocument, IngestJobDocument, LhotseAudiosDocument, SetAudioLabelsDocument } from '../../client/generated/graphql.js';
import type { IngestJobQuery, LhotseAudiosQuery } from '../../client/generated/graphql.js';
import { fromLhotse } from '../../interchange/lhotse/from-lhotse.js';
import { manifestFiles } from '../../interchange/lhotse/manifest-files.js';
import { readRecordings, readSupervisions } from '../../interchange/lhotse/read-manifest.js';
import { toLhotse } from '../../interchange/lhotse/to-lhotse.js';
import { writeManifests } from '../../interchange/lhotse/write-manifests.js';
import { execute } from '../execute.js';
import { failureReason } from '../failure-reason.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope lhotse export`. */
export interface LhotseExportOptions extends DbOptions {
  corpus: string;
  out: string;
}

/** Options of `tokenscope lhotse import`. */
export interface LhotseImportOptions extends DbOptions {
  corpus: string;
  model?: string;
  modelsDir?: string;
}

/** Audios read per page: the API's cap. */
const PAGE = 500;

/** Writes a corpus as Lhotse manifests (recordings.jsonl.gz, supervisions.jsonl.gz) into --out. */
export async function lhotseExportCommand(options: LhotseExportOptions): Promise<number> {
  return withApp(options, async (app) => {
    const audios: LhotseAudiosQuery['audios']['nodes'] = [];
    for (let after: string | null = null; ; ) {
      const page: LhotseAudiosQuery['audios'] = (await execute(app, LhotseAudiosDocument, { corpus: options.corpus, first: PAGE, after })).data.audios;
      audios.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    const manifests = toLhotse(audios);
    const [recordings, supervisions] = await writeManifests(resolve(options.out), manifests);
    console.log(`wrote ${manifests.recordings.length} recordings to ${recordings} and ${manifests.supervisions.length} supervisions to ${supervisions}`);
    if (manifests.leftOut.length) console.log(`left out ${manifests.leftOut.length} audios ingested as codes (no audio file for a recording): ${manifests.leftOut.slice(0, 10).join(', ')}${manifests.leftOut.length > 10 ? ', …' : ''}`);
    return 0;
  });
}

type Job = IngestJobQuery['ingestJob'];

/**
 * Ingests the recordings of Lhotse manifests (their audio files, through the audio ingest) into a
 * corpus, then stores each recording's supervisions as its labels (replacing those it had).
 */
export async function lhotseImportCommand(paths: string[], options: LhotseImportOptions): Promise<number> {
  const files = await manifestFiles(paths);
  const recordings = await readRecordings(files.recordings);
  const supervisions = (await Promise.all(files.supervisions.map(readSupervisions))).flat();
  const plan = fromLhotse(recordings, supervisions, process.cwd());
  const overrides = { dataRoots: ['/'], ...(options.modelsDir ? { modelsDir: resolve(options.modelsDir) } : {}) };
  return withApp(
    options,
    async (app) => {
      const started = (await execute(app, IngestAudioDocument, { corpus: options.corpus, paths: plan.files, model: options.model ?? null, concurrency: 1 })).data.ingestAudio;
      let job: Job;
      for (;;) {
        job = (await execute(app, IngestJobDocument, { id: started.id })).data.ingestJob;
        if (job.phase === 'SUCCEEDED' || job.phase === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (job.phase === 'FAILED') {
        console.error(`error [INTERNAL]: the ingest job failed: ${job.error}`);
        return 1;
      }
      const audioOf = new Map(job.results.filter((r) => r.audioIds.length).map((r) => [resolve(r.path), r.audioIds[0]!]));
      const audioLabels = [...plan.labels].flatMap(([file, spans]) => {
        const id = audioOf.get(file);
        return id === undefined ? [] : [{ audioId: String(id), labels: spans.map((s) => ({ startSeconds: s.start, endSeconds: s.end, label: s.label })) }];
      });
      const written = audioLabels.length ? (await execute(app, SetAudioLabelsDocument, { corpus: options.corpus, audioLabels })).data.setAudioLabels : { audios: 0, labels: 0 };
      const r = job.results;
      const count = (s: string) => r.filter((x) => x.status === s).length;
      console.log(formatTable(['file', 'status', 'audio id', 'reason'], r.map((x) => [x.path, x.status, x.audioIds.join(',') || '-', failureReason(x.errors, x.path)])));
      console.log(`\n${plan.files.length} recordings: ${count('INGESTED')} ingested, ${count('ALREADY_PRESENT')} already present, ${count('FAILED')} failed; ${written.labels} supervisions stored as labels of ${written.audios} audios`);
      for (const x of r) for (const e of x.errors) console.error(`error [${e.code}]: ${e.message}`);
      return count('FAILED') ? 1 : 0;
    },
    overrides,
  );
}
