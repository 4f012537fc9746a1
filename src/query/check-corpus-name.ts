import { invalidArgument } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';

/** Longest corpus name, in characters. */
export const MAX_CORPUS_NAME = 128;

/** Corpus names: 1–128 characters of letters, digits, '.', '_', '-'. */
export function checkCorpusName(name: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.length > MAX_CORPUS_NAME) {
    const received = name.length > MAX_CORPUS_NAME ? `${name.length} characters, starting ${excerpt(name.slice(0, 40))}` : excerpt(name);
    throw invalidArgument(`corpus name must be 1–${MAX_CORPUS_NAME} letters, digits, '.', '_' or '-'; received ${received}`, { argument: 'name', value: clip(name) });
  }
  return name;
}
