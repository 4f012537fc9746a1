import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LAYER_COUNT, frameToSeconds } from '../domain/contract.js';
import type { CodeMatrix } from '../domain/code-matrix.js';
import { formatAudacityLabels } from '../labels/audacity-labels.js';
import { plantBursts, syntheticCodes } from './synthetic-codes.js';

/** Where the demo's generated files went, and the bursts planted in each event audio. */
export interface DemoFiles {
  referenceFile: string;
  eventsFile: string;
  /** Planted bursts per line of the events file (line 1 first). */
  plantedBursts: { startFrame: number; endFrame: number }[][];
}

function jsonlLine(matrix: CodeMatrix, audio: string, text: string): string {
  const rows = Array.from({ length: matrix.frames }, (_, f) => Array.from(matrix.tokens.subarray(f * LAYER_COUNT, (f + 1) * LAYER_COUNT)));
  return `${JSON.stringify({ audio, text, audio_codes: rows })}\n`;
}

/**
 * Writes the demo's code files in the official JSONL format into `folder`: 12 reference audios of
 * synthetic "speech" (30 s each) and 6 audios with 2–4 planted bursts, plus Audacity labels of the
 * bursts. Deterministic: the same files every run.
 */
export async function writeDemoFiles(folder: string): Promise<DemoFiles> {
  await mkdir(folder, { recursive: true });
  const frames = 375;
  const reference = Array.from({ length: 12 }, (_, i) => jsonlLine(syntheticCodes(1000 + i, frames), `synthetic/speech_${i}.wav`, `synthetic speech ${i}`));
  const plantedBursts: DemoFiles['plantedBursts'] = [];
  const events = Array.from({ length: 6 }, (_, i) => {
    const bursts = plantBursts(2000 + i, frames, 2 + (i % 3));
    plantedBursts.push(bursts);
    return jsonlLine(syntheticCodes(3000 + i, frames, bursts), `synthetic/events_${i}.wav`, `synthetic speech with ${bursts.length} bursts`);
  });
  const referenceFile = join(folder, 'demo-speech.jsonl');
  const eventsFile = join(folder, 'demo-events.jsonl');
  await writeFile(referenceFile, reference.join(''));
  await writeFile(eventsFile, events.join(''));
  for (const [i, bursts] of plantedBursts.entries()) {
    await writeFile(join(folder, `demo-events-line${i + 1}.planted.txt`), formatAudacityLabels(bursts.map((b) => ({ start: frameToSeconds(b.startFrame), end: frameToSeconds(b.endFrame), label: 'burst' }))));
  }
  return { referenceFile, eventsFile, plantedBursts };
}
