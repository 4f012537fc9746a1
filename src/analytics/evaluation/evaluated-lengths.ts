import type { EvaluatedFile, Event } from './event.js';

/**
 * sed_eval's evaluated length of each file when none is given: the latest offset among the file's
 * reference and estimated events, seconds (0 for a file without events). Segment-based metrics
 * then cover ceil(length / segment) segments of it.
 */
export function lengthsFromEvents(files: readonly string[], ...lists: readonly (readonly Pick<Event, 'file' | 'end'>[])[]): EvaluatedFile[] {
  const latest = new Map<string, number>(files.map((file) => [file, 0]));
  for (const list of lists) {
    for (const { file, end } of list) {
      const seen = latest.get(file);
      if (seen !== undefined && end > seen) latest.set(file, end);
    }
  }
  return files.map((file) => ({ file, durationSeconds: latest.get(file)! }));
}
