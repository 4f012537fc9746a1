import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { Codebooks } from './codebooks.js';
import { invalidModel } from './codebooks.js';
import { readQwenCodebooks } from './qwen-checkpoint.js';
import { parseNpyCodebooks } from './read-npy-codebooks.js';
import { openSafetensors } from './safetensors.js';

/** Reads codebooks from a .npy [16, 2048, D] float32 or the official Qwen3-TTS-Tokenizer-12Hz .safetensors checkpoint. */
export async function readCodebooksFile(path: string): Promise<Codebooks> {
  const ext = extname(path).toLowerCase();
  if (ext === '.safetensors') {
    const file = await openSafetensors(path);
    try {
      return await readQwenCodebooks(file);
    } finally {
      await file.close();
    }
  }
  if (ext !== '.npy') throw invalidModel(`${path}: expected a codebooks file ending in .npy or .safetensors; received '${ext || 'no extension'}'`, { path });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: cannot be read (${(cause as Error).message})`, { path }, { cause });
  }
  return parseNpyCodebooks(bytes, path);
}
