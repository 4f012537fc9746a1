import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CODEBOOK_SIZE, LAYER_COUNT } from '../../src/domain/contract.js';
import { mulberry32 } from '../../src/jsutils/mulberry32.js';

/** Frame rows of 16 tokens: row f holds frame f, column j layer j+1 (the official orientation). */
export type Rows = number[][];

/** A deterministic PRNG returning floats in [0, 1), so fixtures are reproducible. */
export const seededRandom = mulberry32;

/** `frames` random frame rows with tokens in [low, high) (default the whole codebook). */
export function randomRows(random: () => number, frames: number, low = 0, high = CODEBOOK_SIZE): Rows {
  return Array.from({ length: frames }, () => Array.from({ length: LAYER_COUNT }, () => low + Math.floor(random() * (high - low))));
}

/** One line of the official fine-tuning JSONL holding `rows` (no trailing newline). */
export function jsonlLine(rows: unknown, fields: Record<string, string> = {}): string {
  return JSON.stringify({ audio: 'clip.wav', text: 'hello', ...fields, audio_codes: rows });
}

/** Writes text or bytes to `path`, creating its folder; returns the path. */
export async function writeText(path: string, text: string | Uint8Array): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

/** Writes an official JSONL file with one line per matrix; returns the path. */
export async function writeJsonl(path: string, matrices: readonly unknown[]): Promise<string> {
  return writeText(path, matrices.map((rows) => jsonlLine(rows)).join('\n') + '\n');
}

/** The transpose of frame rows: 16 rows (layers 1..16) of one token per frame. */
export function transpose(rows: Rows): Rows {
  return Array.from({ length: LAYER_COUNT }, (_, layer) => rows.map((row) => row[layer]!));
}
