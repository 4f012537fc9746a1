import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CompareDetectorsDocument, IngestAudioDocument, IngestCodesDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { writeDemoFiles } from '../../src/demo/write-demo-files.js';
import { dataOf, execute } from './graphql.js';
import { repoRoot } from './paths.js';
import { serve } from './http.js';
import { createTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';

/** A server on loopback with the demo corpus, the synthetic code corpora and one evaluation run, as the dashboard sees them. */
export interface DashboardFixture {
  t: TestApp;
  /** http://127.0.0.1:PORT/ */
  base: string;
  /** Audio ids of the demo-audio corpus, in file order. */
  demoAudios: number[];
  runId: string;
  close(): Promise<void>;
}

/**
 * Ingests data/demo-audio (espeak-ng speech with planted events, labels beside each file) with the
 * shipped reference encoder, the demo's synthetic code corpora (demo-speech, demo-events), runs a
 * small detector comparison on demo-audio, and serves it all on a free loopback port.
 */
export async function startDashboardFixture(): Promise<DashboardFixture> {
  const demoDir = join(repoRoot(), 'data', 'demo-audio');
  // As `tokenscope serve` runs: encoders in worker threads.
  const t = await createTestApp({ uploadMaxBytes: 4 << 20, encodeInWorker: true }, [demoDir]);
  try {
    const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus: 'demo-audio', paths: [demoDir], model: null, concurrency: 1 })).ingestAudio;
    await t.app.services.audio.jobs.idle();
    const job = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob;
    const failed = job.results.filter((r) => r.status === 'FAILED');
    if (failed.length) throw new Error(`demo audio failed to ingest: ${JSON.stringify(failed)}`);
    const demoAudios = job.results.map((r) => r.audioIds[0]!);
    const files = await writeDemoFiles(join(t.root, 'demo'));
    for (const [corpus, file] of [['demo-speech', files.referenceFile], ['demo-events', files.eventsFile]] as const) {
      dataOf(await execute(t.app, IngestCodesDocument, { corpus, paths: [file], model: 'external:synthetic-demo', orientation: null, skipBadItems: false }));
    }
    const detectors = [
      { name: 'keyLayerVariance', params: {} },
      { name: 'interLayerSpread', params: {} },
      { name: 'tokenSurprisal', params: { reference: 'demo-audio' }, threshold: { rule: 'percentile', percentile: 90 } },
    ];
    const run = dataOf(await execute(t.app, CompareDetectorsDocument, { corpus: 'demo-audio', detectors, folds: 2, seed: 1, bootstrap: 50, model: null, name: 'e2e', labels: null, labelsFormat: 'CSV' })).compareDetectors;
    await mkdir(join(t.root, 'uploads'), { recursive: true });
    const served = await serve(t.app);
    return {
      t,
      base: served.url.replace(/graphql$/, ''),
      demoAudios,
      runId: run.id,
      close: async () => {
        await served.close();
        await t.close();
      },
    };
  } catch (err) {
    await t.close();
    throw err;
  }
}
