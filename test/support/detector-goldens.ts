import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** One detector's expected output in a golden file (from the guide's numpy code). */
export interface DetectorGolden {
  layers: number[];
  percentile: number;
  scores: number[];
  threshold: number;
  flaggedFrames: number[];
  anomalies: { startFrame: number; endFrame: number; peakFrame: number; score: number }[];
}

/** A golden file of test/golden/detectors (written by scripts/goldens/detector_goldens.py). */
export interface Golden {
  source: { kind: 'qwen-codes' | 'synthetic'; file?: string; line?: number; frames: number; sha256: string; tokens?: number[] };
  keyLayerVariance: DetectorGolden;
  interLayerSpread: DetectorGolden;
}

/** Relative tolerance for golden scores and thresholds. */
export const GOLDEN_RELATIVE_TOLERANCE = 1e-9;

/** Every detector golden, by file name. */
export function readDetectorGoldens(): { name: string; golden: Golden }[] {
  const dir = join(repoRoot(), 'test', 'golden', 'detectors');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, golden: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Golden }));
}
