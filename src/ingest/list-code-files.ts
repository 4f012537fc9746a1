import { listFileEntries, listFiles } from './list-files.js';
import type { ListedFile } from './list-files.js';

/** Extensions the code-matrix readers accept. */
export const CODE_FILE_EXTENSIONS: readonly string[] = ['.jsonl', '.npy', '.json', '.parquet'];

/** Expands files and folders into code files (see listFiles). */
export function listCodeFiles(paths: readonly string[]): Promise<string[]> {
  return listFiles(paths, CODE_FILE_EXTENSIONS);
}

/** Expands files and folders into code files with their paths relative to the folder given (for --shard). */
export function listCodeFileEntries(paths: readonly string[]): Promise<ListedFile[]> {
  return listFileEntries(paths, CODE_FILE_EXTENSIONS);
}
