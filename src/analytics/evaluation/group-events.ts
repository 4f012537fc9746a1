import { invalidArgument } from '../../errors.js';
import { AGNOSTIC_LABEL, compareEvents } from './event.js';
import type { EvaluatedFile, Event } from './event.js';

/** Checks the files: unique names and finite durations ≥ 0 seconds. Returns name → duration. */
export function indexFiles(files: readonly EvaluatedFile[]): Map<string, number> {
  const durations = new Map<string, number>();
  files.forEach(({ file, durationSeconds }, i) => {
    if (durations.has(file)) throw invalidArgument(`files[${i}] repeats the file "${file}"`, { file });
    if (!(Number.isFinite(durationSeconds) && durationSeconds >= 0)) {
      throw invalidArgument(`files[${i}].durationSeconds must be a finite number ≥ 0; received ${String(durationSeconds)}`, { file });
    }
    durations.set(file, durationSeconds);
  });
  return durations;
}

/**
 * Checks events (known file, finite 0 ≤ start ≤ end, a label) and groups them by file, each group
 * sorted by `compareEvents`; with `agnostic` every label becomes 'event'. `role` names the argument.
 */
export function groupEventsByFile(
  events: readonly Event[],
  files: ReadonlyMap<string, number>,
  role: 'reference' | 'estimated',
  agnostic: boolean,
): Map<string, Event[]> {
  const groups = new Map<string, Event[]>([...files.keys()].map((file) => [file, []]));
  events.forEach((event, i) => {
    const where = `${role}[${i}]`;
    const group = groups.get(event.file);
    if (!group) throw invalidArgument(`${where}.file "${event.file}" is not among the evaluated files`, { file: event.file });
    if (!(Number.isFinite(event.start) && Number.isFinite(event.end) && event.start >= 0 && event.end >= event.start)) {
      throw invalidArgument(`${where} must have finite times with 0 ≤ start ≤ end; received start ${event.start}, end ${event.end}`);
    }
    if (typeof event.label !== 'string' || event.label === '') {
      throw invalidArgument(`${where}.label must be a non-empty string; received ${JSON.stringify(event.label)}`);
    }
    group.push(agnostic ? { ...event, label: AGNOSTIC_LABEL } : event);
  });
  for (const group of groups.values()) group.sort(compareEvents);
  return groups;
}

/** The class list: `given` (every label must be in it), else the sorted union of all labels. */
export function resolveClasses(groups: readonly Map<string, Event[]>[], given: readonly string[] | undefined): string[] {
  const labels = new Set<string>();
  for (const group of groups) for (const events of group.values()) for (const e of events) labels.add(e.label);
  if (given === undefined) return [...labels].sort();
  const unknown = [...labels].filter((label) => !given.includes(label));
  if (unknown.length > 0) {
    throw invalidArgument(`classes must list every event label; missing ${unknown.map((l) => JSON.stringify(l)).join(', ')}`);
  }
  return [...new Set(given)];
}
