/**
 * Which corpus files a build trains on: the .wav files under a list of folders (or files) named
 * relative to the corpus, so evaluation audio (corpus/mixtures) can be kept out of the encoder.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { listWavFiles } from './corpus.js';

/** The folders of ../shared/corpus that tokenscope-ref-v2 trains on: clips, speech and backgrounds, not the evaluation mixtures. */
export const DEFAULT_INCLUDE: readonly string[] = ['events', 'speech', 'background'];

/** The selected files and what was left out, for the manifest's provenance. */
export interface TrainingFiles {
  /** Absolute paths, sorted by their path relative to the corpus (the order listWavFiles gives). */
  readonly files: string[];
  /** The include entries as given, normalised (forward slashes, no trailing slash). */
  readonly include: string[];
  /** Top-level entries of the corpus holding .wav files that no include entry covers, sorted. */
  readonly excluded: string[];
}

/** Parses `--include` ("events,speech,background"): comma-separated paths relative to the corpus. */
export function parseInclude(text: string): string[] {
  const entries = text.split(',').map((s) => s.trim());
  if (entries.length === 0 || entries.some((e) => e === '')) throw new Error(`--include: expected comma-separated folders relative to --corpus, got ${JSON.stringify(text)}`);
  return entries;
}

/** The .wav files under each `include` entry of `corpus`; an entry outside the corpus, missing, repeated or holding no .wav is an error naming it. */
export function selectTrainingFiles(corpus: string, include: readonly string[]): TrainingFiles {
  const names: string[] = [];
  for (const entry of include) {
    const name = normalize(entry).split(sep).join('/').replace(/\/+$/, '');
    if (isAbsolute(entry) || name === '..' || name.startsWith('../')) throw new Error(`--include: expected a path inside --corpus, got ${JSON.stringify(entry)}`);
    if (!existsSync(join(corpus, name))) throw new Error(`--include: no ${JSON.stringify(entry)} under ${corpus}`);
    if (names.includes(name)) throw new Error(`--include: ${JSON.stringify(entry)} is named twice`);
    names.push(name);
  }
  const covers = (rel: string, name: string) => name === '.' || rel === name || rel.startsWith(`${name}/`);
  const all = listWavFiles(corpus).map((path) => ({ path, rel: relative(corpus, path).split(sep).join('/') }));
  for (const name of names) {
    if (!all.some((f) => covers(f.rel, name))) throw new Error(`--include: no .wav files under ${JSON.stringify(name)} in ${corpus}`);
  }
  const chosen = all.filter((f) => names.some((name) => covers(f.rel, name)));
  const topLevel = (rel: string) => rel.split('/')[0]!;
  const excluded = [...new Set(all.filter((f) => !chosen.includes(f)).map((f) => topLevel(f.rel)))].sort();
  return { files: chosen.map((f) => f.path), include: names, excluded };
}

