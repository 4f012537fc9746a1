/**
 * The route to the same report for another model's codes (Qwen3-TTS-Tokenizer-12Hz): write the
 * originals and every report perturbation as float32 WAVs (`--write-wavs DIR`), encode them all
 * with that model's own tokenizer into one official JSONL (`audio` = the WAV's path, `audio_codes`
 * N × 16), and compare the codes of each perturbed WAV with its original's (`--codes FILE --wavs DIR`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeWav } from '../../src/audio/wav-writer.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { isCodeItemFailure } from '../../src/ingest/codes/code-item.js';
import { readCodeFile } from '../../src/ingest/codes/read-code-file.js';
import { applyPerturbation } from '../../src/stability/apply-perturbation.js';
import type { StabilityMeasure } from '../../src/stability/layer-stability.js';
import { compareCodes, sumMeasures } from '../../src/stability/layer-stability.js';
import { parsePerturbation, perturbationKey } from '../../src/stability/perturbation.js';
import type { StabilityAudio } from './stability-corpus.js';
import { REPORT_PERTURBATIONS, reportBabble } from './stability-report.js';

/** The manifest in DIR: folder of each perturbation → its key. */
const MANIFEST = 'perturbations.json';

/** A perturbation key as a folder name (`noise:snr=20,colour=white,seed=0` → `noise_snr=20_colour=white_seed=0`). */
function folderOf(key: string): string {
  return key.replace(/[:,+]/g, '_');
}

/** Writes DIR/<mixture>.wav (the originals) and DIR/<perturbation folder>/<mixture>.wav, float32, 24 kHz, plus the manifest. */
export async function writePerturbedWavs(audios: readonly StabilityAudio[], speech: readonly Float32Array[], dir: string): Promise<number> {
  const manifest: Record<string, string> = {};
  let written = 0;
  mkdirSync(dir, { recursive: true });
  for (const a of audios) await writeWav(join(dir, a.name), [a.samples], a.samples.length, 24_000, 'float32');
  for (const text of REPORT_PERTURBATIONS) {
    const p = parsePerturbation(text);
    const folder = folderOf(perturbationKey(p));
    manifest[folder] = perturbationKey(p);
    mkdirSync(join(dir, folder), { recursive: true });
    for (const [i, a] of audios.entries()) {
      const babble = reportBabble(p, i, a.samples.length, speech);
      const y = await applyPerturbation(a.samples, p, babble ? { babble } : {});
      await writeWav(join(dir, folder, a.name), [y], y.length, 24_000, 'float32');
      written++;
    }
  }
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return written + audios.length;
}

/**
 * Per-perturbation corpus measures from one JSONL of codes of the WAVs writePerturbedWavs wrote:
 * each line's `audio` path, relative to `dir`, says which original and which perturbation it is.
 */
export async function compareExternalCodes(codesFile: string, dir: string): Promise<StabilityMeasure[]> {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Record<string, string>;
  const originals = new Map<string, CodeMatrix>();
  const perturbed: { folder: string; name: string; codes: CodeMatrix }[] = [];
  for await (const item of readCodeFile(codesFile)) {
    if (isCodeItemFailure(item)) throw item.error;
    const audio = item.metadata['audio'];
    if (audio === undefined) throw new Error(`${codesFile} line ${item.source.line}: no "audio" field naming the WAV`);
    const parts = relative(resolve(dir), resolve(dir, audio)).split('/');
    if (parts.length === 1) originals.set(parts[0]!, item.matrix);
    else if (parts.length === 2 && manifest[parts[0]!] !== undefined) perturbed.push({ folder: parts[0]!, name: parts[1]!, codes: item.matrix });
    else throw new Error(`${codesFile} line ${item.source.line}: ${audio} is not one of the WAVs in ${dir}`);
  }
  const out: StabilityMeasure[] = [];
  for (const [folder, key] of Object.entries(manifest)) {
    const measures = perturbed.filter((p) => p.folder === folder).map((p) => {
      const original = originals.get(p.name);
      if (!original) throw new Error(`${codesFile}: codes of ${join(folder, p.name)} but none of the original ${p.name}`);
      return compareCodes(original, p.codes, key);
    });
    if (measures.length) out.push(sumMeasures(measures));
  }
  return out;
}
