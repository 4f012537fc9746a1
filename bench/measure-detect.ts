import { DetectDocument } from '../src/client/generated/graphql.js';
import type { App } from '../src/main.js';
import { execute, prepare } from './execute.js';
import { measure } from './timing.js';
import type { Repetitions, Timing } from './timing.js';

/** The key-layer variance detector on one long audio through the API. */
export interface DetectFigures {
  timing: Timing;
  frames: number;
  flaggedFrames: number;
  anomalies: number;
}

/** Times `detect` with keyLayerVariance (default parameters) on audio `audioId`, scores included. */
export async function measureDetect(app: App, audioId: number, reps: Repetitions): Promise<DetectFigures> {
  const op = prepare(DetectDocument, { audioId: String(audioId), detector: { name: 'keyLayerVariance' } });
  const data = await execute(app, op);
  return {
    timing: await measure(() => execute(app, op), reps),
    frames: data.detect.scores.length,
    flaggedFrames: data.detect.flaggedFrames.length,
    anomalies: data.detect.anomalies.length,
  };
}
