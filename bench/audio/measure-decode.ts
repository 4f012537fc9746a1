import { readAudio24k } from '../../src/audio/index.js';
import type { TestFile } from './test-audio.js';
import { measureThroughput } from './throughput.js';
import type { Throughput } from './throughput.js';

/** Decodes every file with readAudio24k (decode → downmix → resample to 24 kHz mono), `runs` times. */
export async function measureDecode(files: readonly TestFile[], runs: number): Promise<Throughput> {
  const seconds = files.reduce((a, f) => a + f.seconds, 0);
  const expected = Math.round(seconds * 24_000);
  return measureThroughput(seconds, runs, async () => {
    let samples = 0;
    for (const f of files) for await (const chunk of readAudio24k(f.path)) samples += chunk.length;
    // A decoder that silently lost audio would look fast: check the length (MP3 adds encoder delay/padding).
    if (Math.abs(samples - expected) > 24_000) throw new Error(`decoded ${samples} samples at 24 kHz, expected about ${expected}`);
  });
}
