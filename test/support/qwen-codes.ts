import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_COUNT } from '../../src/domain/contract.js';
import { codeMatrix } from '../../src/domain/code-matrix.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { sharedDir } from './paths.js';

/** Folder of the real Qwen3-TTS-Tokenizer-12Hz JSONL files, or undefined when ../shared is absent. */
export function qwenCodesDir(): string | undefined {
  const dir = join(sharedDir(), 'qwen-codes');
  return existsSync(dir) ? dir : undefined;
}

/**
 * The `audio_codes` (N × 16, frame-major) of line `line` (1-based) of an official fine-tuning JSONL
 * file. A plain JSON.parse reader for tests, not the product's ingest path.
 */
export function readQwenCodesLine(dir: string, file: string, line: number): CodeMatrix {
  const text = readFileSync(join(dir, file), 'utf8').split('\n')[line - 1];
  if (text === undefined || text.trim() === '') throw new Error(`${file} has no line ${line}`);
  const rows = (JSON.parse(text) as { audio_codes: number[][] }).audio_codes;
  const tokens = new Uint16Array(rows.length * LAYER_COUNT);
  rows.forEach((row, frame) => {
    if (row.length !== LAYER_COUNT) throw new Error(`${file}:${line} frame ${frame} has ${row.length} layers`);
    row.forEach((token, i) => {
      if (!Number.isInteger(token) || token < 0 || token > 2047) throw new Error(`${file}:${line} bad token ${token}`);
      tokens[frame * LAYER_COUNT + i] = token;
    });
  });
  return codeMatrix(tokens);
}

/** sha256 (hex) of a matrix's canonical bytes: frame-major little-endian uint16. */
export function canonicalSha256(matrix: CodeMatrix): string {
  const bytes = Buffer.alloc(matrix.tokens.length * 2);
  matrix.tokens.forEach((token, i) => bytes.writeUInt16LE(token, i * 2));
  return createHash('sha256').update(bytes).digest('hex');
}
