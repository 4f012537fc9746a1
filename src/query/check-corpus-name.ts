import { invalidArgument } from '../errors.js';

/** Corpus names: 1–128 characters of letters, digits, '.', '_', '-'. */
export function checkCorpusName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(name)) {
    throw invalidArgument(`corpus name must be 1–128 letters, digits, '.', '_' or '-'; received "${name}"`, { argument: 'name', value: name });
  }
  return name;
}
