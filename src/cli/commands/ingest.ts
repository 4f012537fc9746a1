import { resolve } from 'node:path';
import { IngestAudioDocument, IngestJobDocument, StopIngestJobDocument } from '../../client/generated/graphql.js';
import type { IngestJobQuery } from '../../client/generated/graphql.js';
import { AUDIO_FILE_EXTENSIONS } from '../../ingest/ingest-audio-files.js';
import { listFileEntries } from '../../ingest/list-files.js';
import { describeShard, parseShard, takeShard } from '../../ingest/shard-split.js';
import type { DeviceRequest } from '../../tokenizer/execution-device.js';
import { execute } from '../execute.js';
import { failureReason } from '../failure-reason.js';
import { formatTable } from '../format-table.js';
import { progressBar } from '../progress-bar.js';
import { interruption } from '../interrupt.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/** Options of `tokenscope ingest`. */
export interface IngestCliOptions extends DbOptions {
  corpus: string;
  model?: string;
  device?: DeviceRequest;
  concurrency?: number;
  threads?: number;
  /** Models folder (default models/ of the installation). */
  modelsDir?: string;
  /** `i/n`: ingest only shard i (1-based) of n of the files (shard-split.ts). */
  shard?: string;
}

type Job = IngestJobQuery['ingestJob'];

function hours(seconds: number): string {
  return (seconds / 3600).toFixed(3);
}

/**
 * Ingests audio files and folders through the API's background job, with a progress bar (files,
 * audio hours, × real time, ETA) and a closing summary. Ctrl-C stops after the files in hand: what
 * was stored stays, and running the same command again resumes. Returns the exit code.
 */
export async function ingestCommand(paths: string[], options: IngestCliOptions): Promise<number> {
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  if (shard) {
    // The job splits the files the same way (same rule, same listing); listed here to say how many it takes.
    const listed = await listFileEntries(paths.map((p) => resolve(p)), AUDIO_FILE_EXTENSIONS);
    console.error(describeShard(shard, takeShard(listed, shard).length, listed.length));
  }
  const overrides = {
    dataRoots: ['/'],
    ...(options.device ? { device: options.device } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.modelsDir ? { modelsDir: resolve(options.modelsDir) } : {}),
  };
  return withApp(
    options,
    async (app) => {
      const started = (await execute(app, IngestAudioDocument, { corpus: options.corpus, paths: paths.map((p) => resolve(p)), model: options.model ?? null, concurrency: options.concurrency ?? 1, shard })).data.ingestAudio;
      console.error(`encoder ${started.model} on ${started.device}`);
      // Ctrl-C / SIGTERM: the job finishes the files in hand and starts no more (cli/interrupt.ts),
      // in this process or in the server that runs it.
      const onInterrupt = () => void execute(app, StopIngestJobDocument, { id: started.id }).catch((err: Error) => console.error(`could not stop ingest job ${started.id}: ${err.message}`));
      if (interruption.aborted) onInterrupt();
      else interruption.addEventListener('abort', onInterrupt, { once: true });
      const bar = progressBar('ingest {bar} {value}/{total} files | {hours}/{totalHours} h audio | {speed}× real time | ETA {etaText}');
      const t0 = performance.now();
      let job: Job;
      bar.start(1, 0, { hours: '0.000', totalHours: '?', speed: '0', etaText: '?' });
      for (;;) {
        job = (await execute(app, IngestJobDocument, { id: started.id })).data.ingestJob;
        const elapsed = (performance.now() - t0) / 1000;
        const speed = elapsed > 0 ? job.audioSecondsDone / elapsed : 0;
        const remaining = job.audioSecondsTotal > job.audioSecondsDone && speed > 0 ? (job.audioSecondsTotal - job.audioSecondsDone) / speed : null;
        bar.setTotal(Math.max(1, job.filesTotal));
        bar.update(job.filesDone, { hours: hours(job.audioSecondsDone), totalHours: job.audioSecondsTotal ? hours(job.audioSecondsTotal) : '?', speed: speed.toFixed(0), etaText: remaining === null ? '?' : `${remaining.toFixed(0)} s` });
        if (job.phase === 'SUCCEEDED' || job.phase === 'FAILED') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      bar.stop();
      interruption.removeEventListener('abort', onInterrupt);
      if (job.phase === 'FAILED') {
        console.error(`error [INTERNAL]: the ingest job failed: ${job.error}`);
        return 1;
      }
      const r = job.results;
      const count = (s: string) => r.filter((x) => x.status === s).length;
      console.log(formatTable(['file', 'status', 'audio id', 'reason'], r.map((x) => [x.path, x.status, x.audioIds.join(',') || '-', failureReason(x.errors, x.path)])));
      const skipped = job.filesTotal - r.length;
      const labels = r.reduce((n, x) => n + x.labels, 0);
      const labelFiles = r.filter((x) => x.labels > 0).length;
      console.log(`\n${count('INGESTED')} ingested, ${count('ALREADY_PRESENT')} already present, ${count('FAILED')} failed${skipped ? `, ${skipped} not started (interrupted: run again to resume)` : ''}; ${labels} labels imported from ${labelFiles} label ${labelFiles === 1 ? 'file' : 'files'}; ${hours(job.audioSecondsDone)} h of audio in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      for (const x of r) for (const e of x.errors) console.error(`error [${e.code}]: ${e.message}`);
      return count('FAILED') || skipped ? 1 : 0;
    },
    overrides,
  );
}
