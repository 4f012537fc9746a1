import type { Store } from '../store/store.js';
import { isInside } from './data-roots.js';

/** Folders named in the start-up note before "and N more". */
const FOLDERS_NAMED = 3;

/**
 * Audios encoded from files that lie outside every data root, which the media route will refuse
 * to play (403), with the folders they came from: `serve` says so at start and which --data-root
 * would allow them, rather than the page failing with a format error later.
 */
export async function unplayableAudios(store: Store, dataRoots: readonly string[]): Promise<{ audios: number; folders: string[] }> {
  const outside = (await store.audios.sourceFolders()).filter(({ folder }) => !dataRoots.some((root) => isInside(root, folder)));
  return { audios: outside.reduce((n, f) => n + f.audios, 0), folders: outside.map((f) => f.folder) };
}

/** The start-up note for `unplayable`, or null when every audio can be played. */
export function unplayableNote(unplayable: { audios: number; folders: readonly string[] }): string | null {
  if (!unplayable.audios) return null;
  const named = unplayable.folders.slice(0, FOLDERS_NAMED);
  const more = unplayable.folders.length - named.length;
  return (
    `note: ${unplayable.audios} audios cannot be played in the dashboard: their files lie outside the data roots, in ${named.join(', ')}${more ? ` and ${more} more folders` : ''}; ` +
    `to play them, start with ${named.map((f) => `--data-root ${f}`).join(' ')}${more ? ' …' : ''} (or a folder above them)`
  );
}
