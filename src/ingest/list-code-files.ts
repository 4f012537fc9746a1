import { listFiles } from './list-files.js';

/** Extensions the code-matrix readers accept. */
export const CODE_FILE_EXTENSIONS: readonly string[] = ['.jsonl', '.npy', '.json', '.parquet'];

/** Expands files and folders into code files (see listFiles). */
export function listCodeFiles(paths: readonly string[]): Promise<string[]> {
  return listFiles(paths, CODE_FILE_EXTENSIONS);
}
