import { dirname } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { resolveInsideRoots } from './data-roots.js';

/** Why an audio's original cannot be played. */
export enum MediaUnavailableReason {
  /** Ingested as a code matrix computed elsewhere: there is no original audio. */
  CODES_ONLY = 'CODES_ONLY',
  /** The file lies outside the server's data roots (or a symlink leads out of them). */
  OUTSIDE_DATA_ROOTS = 'OUTSIDE_DATA_ROOTS',
  /** The file is no longer where it was ingested from. */
  FILE_MISSING = 'FILE_MISSING',
}

/** Whether the media route would serve an audio's original file, and if not why. */
export type MediaAccess = { playable: true } | { playable: false; reason: MediaUnavailableReason; folder: string | null };

/**
 * What `/media/audio/<id>` would answer for an audio of kind `kind` ingested from `path`, checked as
 * it checks (the real path inside the data roots in force now), so the API can say why before the
 * player fails. `folder`: for a file outside the roots, the folder that `--data-root` would need.
 * It does not read the file: one whose bytes changed since the ingest is still "playable" here, and
 * the route answers 409 SOURCE_CHANGED.
 */
export async function mediaAccess(kind: 'AUDIO' | 'CODES' | string, path: string, dataRoots: readonly string[]): Promise<MediaAccess> {
  if (kind !== 'AUDIO') return { playable: false, reason: MediaUnavailableReason.CODES_ONLY, folder: null };
  try {
    await resolveInsideRoots(path, dataRoots);
    return { playable: true };
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    if (err.code === ErrorCode.PATH_OUTSIDE_ROOTS) {
      const target = typeof err.details['target'] === 'string' ? err.details['target'] : path;
      return { playable: false, reason: MediaUnavailableReason.OUTSIDE_DATA_ROOTS, folder: dirname(target) };
    }
    return { playable: false, reason: MediaUnavailableReason.FILE_MISSING, folder: null };
  }
}
