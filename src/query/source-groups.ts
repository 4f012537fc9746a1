import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ErrorCode, TokenscopeError, invalidArgument } from '../errors.js';
import { clip, excerpt } from '../jsutils/excerpt.js';
import { fileStem } from '../labels/read-event-labels.js';
import type { AudioRow } from '../store/rows.js';

/** Where a comparison learns which source each audio came from. */
export type SourceGroupSpec =
  /** A metadata key of the audios (e.g. `speaker` of a JSONL line). */
  | { readonly kind: 'metadata'; readonly key: string }
  /** A CSV `file,group` naming each audio (by source path, file name or stem) and its group. */
  | { readonly kind: 'file'; readonly path: string };

const SHOWN = 5;

function listed(names: readonly string[]): string {
  return names.slice(0, SHOWN).map((n) => excerpt(n)).join(', ') + (names.length > SHOWN ? ` and ${names.length - SHOWN} more` : '');
}

/**
 * The source group of every audio, by audio id. A metadata key every audio must carry, or a
 * `file,group` CSV that names every audio exactly once: INVALID_ARGUMENT naming the audios without
 * a group, or a line naming no audio of the corpus (or several), or a malformed line.
 */
export async function sourceGroups(audios: readonly AudioRow[], spec: SourceGroupSpec): Promise<Map<number, string>> {
  if (spec.kind === 'metadata') {
    const missing = audios.filter((a) => !a.metadata[spec.key]);
    if (missing.length) {
      throw invalidArgument(`groupBy: ${missing.length} of ${audios.length} audios have no metadata ${excerpt(spec.key)} to group by: ${listed(missing.map(shownName))}`, {
        argument: 'groupBy',
        value: clip(spec.key),
      });
    }
    return new Map(audios.map((a) => [a.id, a.metadata[spec.key]!]));
  }
  return groupsFromFile(audios, spec.path);
}

async function groupsFromFile(audios: readonly AudioRow[], path: string): Promise<Map<number, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `groups: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { argument: 'groups', path });
  }
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim().toLowerCase() !== 'file,group') {
    throw invalidArgument(`groups: ${path} must start with the header "file,group"; received ${excerpt(lines[0] ?? '')}`, { argument: 'groups' });
  }
  const groups = new Map<number, string>();
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `groups: ${path} line ${i + 2}`;
    const comma = line.lastIndexOf(',');
    const file = line.slice(0, comma).trim();
    const group = line.slice(comma + 1).trim();
    if (comma < 0 || !file || !group) throw invalidArgument(`${where} must be "file,group"; received ${excerpt(line)}`, { argument: 'groups', line: i + 2 });
    const matches = audios.filter((a) => a.sourcePath === file || basename(a.sourcePath) === file || fileStem(a.sourcePath) === fileStem(file));
    if (matches.length !== 1) {
      throw invalidArgument(`${where}: ${excerpt(file)} names ${matches.length === 0 ? 'no audio' : `${matches.length} audios`} of the corpus; expected exactly one`, { argument: 'groups', line: i + 2, file: clip(file) });
    }
    groups.set(matches[0]!.id, group);
  });
  const missing = audios.filter((a) => !groups.has(a.id));
  if (missing.length) throw invalidArgument(`groups: ${path} gives no group to ${missing.length} of ${audios.length} audios: ${listed(missing.map(shownName))}`, { argument: 'groups' });
  return groups;
}

function shownName(a: AudioRow): string {
  return a.sourceLine === null ? basename(a.sourcePath) : `${basename(a.sourcePath)}:${a.sourceLine}`;
}
