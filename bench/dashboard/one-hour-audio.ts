import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAllAudio24k } from '../../src/audio/read-audio.js';
import { parseAudacityLabels } from '../../src/labels/parse-audacity-labels.js';
import { formatAudacityLabels } from '../../src/labels/audacity-labels.js';
import { WavWriter } from '../audio/wav-writer.js';

const RATE = 24_000;

/**
 * Writes `dir/one-hour.wav` (24 kHz mono, 16-bit) by looping the dev corpus mixtures in name order
 * until `seconds` are filled, and `dir/one-hour.txt` with their Audacity labels shifted to match,
 * so the audio view shows real events and labels. Reused when made from the same source.
 */
export async function prepareOneHourAudio(dir: string, sourceDir: string, seconds: number, log: (line: string) => void): Promise<string> {
  if (!existsSync(sourceDir)) throw new Error(`--source ${sourceDir}: folder not found (expected the dev corpus mixtures, ../shared/corpus/mixtures)`);
  const wavs = readdirSync(sourceDir).filter((f) => f.endsWith('.wav')).sort();
  if (wavs.length === 0) throw new Error(`--source ${sourceDir}: holds no .wav files`);
  const path = join(dir, 'one-hour.wav');
  const key = `v1 ${seconds} s ${wavs.map((f) => `${f}:${statSync(join(sourceDir, f)).size}`).join(',')}`;
  if (existsSync(path) && existsSync(`${path}.key`) && readFileSync(`${path}.key`, 'utf8') === key) return path;
  log(`writing ${path} (${seconds} s looped from ${wavs.length} mixtures of ${sourceDir})`);
  const writer = await WavWriter.create(path, RATE, 1);
  const labels: { start: number; end: number; label: string }[] = [];
  let written = 0;
  const total = seconds * RATE;
  for (let k = 0; written < total; k = (k + 1) % wavs.length) {
    const file = join(sourceDir, wavs[k]!);
    const samples = await readAllAudio24k(file);
    const take = Math.min(samples.length, total - written);
    const pcm = new Int16Array(take);
    for (let i = 0; i < take; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
    await writer.write(pcm);
    const labelFile = file.replace(/\.wav$/, '.txt');
    const offset = written / RATE;
    if (existsSync(labelFile)) {
      for (const l of parseAudacityLabels(readFileSync(labelFile, 'utf8'), labelFile)) {
        if (l.end <= take / RATE) labels.push({ start: l.start + offset, end: l.end + offset, label: l.label });
      }
    }
    written += take;
  }
  await writer.close();
  writeFileSync(join(dir, 'one-hour.txt'), formatAudacityLabels(labels));
  writeFileSync(`${path}.key`, key);
  return path;
}
