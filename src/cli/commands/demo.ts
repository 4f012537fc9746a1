import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AudioLabelsDocument, AudioPageDocument, ColdTokensDocument, DetectDocument, IngestCodesDocument, LayerStatsDocument } from '../../client/generated/graphql.js';
import { frameToSeconds } from '../../domain/contract.js';
import { writeDemoFiles } from '../../demo/write-demo-files.js';
import { formatAudacityLabels } from '../../labels/audacity-labels.js';
import { loadSettings } from '../../config/settings.js';
import { packageRoot } from '../../jsutils/repo-root.js';
import { execute } from '../execute.js';
import { ingestCommand } from './ingest.js';
import { formatTable } from '../format-table.js';
import { withApp } from '../open-app.js';
import type { DbOptions } from '../open-app.js';

/**
 * The main job on the embedded default: generates synthetic code files, ingests them into
 * the default database (data/tokenscope.duckdb of the installation), and runs the guide's analyses through the GraphQL API.
 */
export async function demoCommand(options: DbOptions): Promise<number> {
  const settings = loadSettings(options.db ? { dbPath: options.db } : {});
  const audioDir = join(packageRoot(), 'data', 'demo-audio');
  console.log(`== 1. audio: ${audioDir} (espeak-ng speech with synthesised clicks, bursts and beeps; labels beside each file)`);
  const audioCode = await ingestCommand([audioDir], { ...options, corpus: 'demo-audio' });
  if (audioCode !== 0) return audioCode;
  await withApp(options, async (app) => {
    const audios = (await execute(app, AudioLabelsDocument, { corpus: 'demo-audio', first: 50 })).data.audios.nodes;
    for (const detector of ['keyLayerVariance', 'interLayerSpread']) {
      let hit = 0;
      let labels = 0;
      let flagged = 0;
      for (const a of audios) {
        const d = (await execute(app, DetectDocument, { audioId: a.id, detector: { name: detector, params: {} } })).data.detect;
        flagged += d.anomalies.length;
        for (const l of a.labels) {
          labels++;
          if (d.anomalies.some((x) => x.startSeconds < l.endSeconds && x.endSeconds > l.startSeconds)) hit++;
        }
      }
      console.log(`${detector} (guide defaults) over ${audios.length} audios: ${flagged} anomalies; ${hit} of ${labels} labelled events overlap one`);
    }
    console.log(formatTable(['audio', 'format', 'rate Hz', 'seconds', 'labels'], audios.map((a) => [a.id, a.source.format ?? '', a.source.sampleRate ?? 0, a.durationSeconds.toFixed(2), a.labels.map((l) => `${l.label}@${l.startSeconds.toFixed(2)}`).join(' ')])));
  }, { dataRoots: ['/'] });

  const folder = join(settings.dbPath === ':memory:' ? join(packageRoot(), 'data') : dirname(resolve(settings.dbPath)), 'demo');
  const files = await writeDemoFiles(folder);
  console.log(`\n== 2. code matrices: synthetic code files in ${folder} (not tokens of real audio: see README, "The demo")`);
  return withApp(options, async (app) => {
    for (const [corpus, file] of [['demo-speech', files.referenceFile], ['demo-events', files.eventsFile]] as const) {
      const { data } = await execute(app, IngestCodesDocument, { corpus, paths: [file], model: 'external:synthetic-demo', orientation: null, skipBadItems: false });
      const r = data.ingestCodes;
      console.log(`ingested ${file} into ${corpus}: ${r.ingested} new, ${r.alreadyPresent} already present, ${r.failedFiles} failed files`);
    }
    const stats = (await execute(app, LayerStatsDocument, { corpora: ['demo-speech', 'demo-events'], layers: null, model: null, top: 3 })).data.layerStats;
    console.log(`\nlayer statistics over ${stats.audioCount} audios, ${stats.frameCount} frames:`);
    console.log(formatTable(['layer', 'variance', 'entropy bits', 'distinct', 'utilisation'], stats.layers.map((l) => [l.number, l.variance, l.entropyBits, l.distinctTokens, l.utilisation])));

    const coldList = (await execute(app, ColdTokensDocument, { reference: 'demo-speech', target: 'demo-events', layers: null, maxReferenceCount: 0, limit: 8, occurrences: 2 })).data.coldTokens;
    console.log('\ncold tokens (absent from demo-speech, present in demo-events):');
    console.log(formatTable(['layer', 'token', 'in reference', 'in target', 'audios', 'first at (audio@s)'], coldList.map((t) => [t.layer, t.token, t.referenceCount, t.targetCount, t.audioCount, t.occurrences.map((o) => `${o.audio.id}@${o.seconds.toFixed(2)}`).join(' ')])));

    const first = (await execute(app, AudioPageDocument, { corpus: 'demo-events', first: 1, after: null })).data.audios.nodes[0]!;
    const detection = (await execute(app, DetectDocument, { audioId: first.id, detector: { name: 'keyLayerVariance', params: {} } })).data.detect;
    const planted = files.plantedBursts[0]!;
    console.log(`\nkeyLayerVariance on audio ${first.id} (${first.durationSeconds.toFixed(1)} s): threshold ${detection.threshold.toFixed(1)}, ${detection.anomalies.length} anomalies; planted bursts at ${planted.map((b) => `${frameToSeconds(b.startFrame).toFixed(2)}–${frameToSeconds(b.endFrame).toFixed(2)} s`).join(', ')}`);
    console.log(formatTable(['start s', 'end s', 'peak s', 'score'], detection.anomalies.map((a) => [a.startSeconds.toFixed(2), a.endSeconds.toFixed(2), a.peakSeconds.toFixed(2), a.score])));
    const cold = (await execute(app, DetectDocument, { audioId: first.id, detector: { name: 'coldTokens', params: { reference: 'demo-speech', minColdTokens: 3 } } })).data.detect;
    console.log(`\ncoldTokens (reference demo-speech, ≥ 3 cold tokens per frame) on audio ${first.id}: ${cold.anomalies.length} anomalies`);
    console.log(formatTable(['start s', 'end s', 'peak s', 'cold tokens'], cold.anomalies.map((a) => [a.startSeconds.toFixed(2), a.endSeconds.toFixed(2), a.peakSeconds.toFixed(2), a.score])));
    console.log('(token ids are codebook indices, not magnitudes: variance across layers of ids need not rise on an event; tokens unseen in a reference do. docs/detectors.md will compare them on real audio.)');
    const labels = join(folder, `detections-audio${first.id}.txt`);
    await writeFile(labels, formatAudacityLabels([...detection.anomalies.map((a) => ({ start: a.startSeconds, end: a.endSeconds, label: `keyLayerVariance ${a.score.toFixed(1)}` })), ...cold.anomalies.map((a) => ({ start: a.startSeconds, end: a.endSeconds, label: `coldTokens ${a.score}` }))].sort((a, b) => a.start - b.start)));
    console.log(`\nwrote Audacity labels to ${labels}\nnext: npm run serve, then open the dashboard at http://127.0.0.1:4000/ (GraphQL at /graphql)`);
    return 0;
  });
}
