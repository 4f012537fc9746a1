import { join } from 'node:path';
import { repoRoot } from '../../support/paths.js';

/** The three registered fixture models, one per layout. */
export const FIXTURE_IDS = ['fixture-masked-values', 'fixture-channel-waveform', 'fixture-plain-audio'] as const;

/** test/fixtures/models/<rest>. */
export function fixturePath(...rest: string[]): string {
  return join(repoRoot(), 'test', 'fixtures', 'models', ...rest);
}

/**
 * Deterministic test audio of `samples` samples: uniform noise under a slow envelope reaching 1.2,
 * so the fixture tokens spread over 0..2047 and some samples exceed full scale (clipped to 2047).
 */
export function testSignal(samples: number, seed = 1): Float32Array {
  const x = new Float32Array(samples);
  let s = seed >>> 0;
  for (let i = 0; i < samples; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const envelope = 0.6 + 0.6 * Math.sin((2 * Math.PI * i) / 9173);
    x[i] = envelope * (s / 2 ** 32 - 0.5) * 2;
  }
  return x;
}
