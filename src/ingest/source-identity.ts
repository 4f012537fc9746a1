import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { AudioRow } from '../store/rows.js';

/** Most verdicts remembered; past it the memory starts afresh (each costs one hash to rebuild). */
const MAX_REMEMBERED = 10_000;

async function handleSha256(handle: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  // From byte 0 whatever was read before; the handle stays open for the response.
  for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Tells whether the file now at an audio's stored path is the one it was encoded from. Same size
 * and mtime as recorded at ingest (audio_files): yes, without reading it. Otherwise (touched,
 * replaced, or ingested before sizes were recorded) its sha256 is compared with the audio's
 * content_sha256, and the verdict remembered for that size and mtime, so each version of a file
 * is hashed once per process, however often it is asked for.
 */
export class SourceIdentity {
  /** Audio id → `size:mtime` of the file last judged, and the verdict. */
  private readonly verdicts = new Map<number, { version: string; same: boolean }>();

  constructor(private readonly store: Store) {}

  /** Resolves when the open file is the audio's source; SOURCE_CHANGED (naming no path) otherwise. */
  async check(audio: AudioRow, handle: FileHandle, stat: Stats): Promise<void> {
    if (!(await this.same(audio, handle, stat))) {
      throw new TokenscopeError(ErrorCode.SOURCE_CHANGED, `audio ${audio.id}: its original file has changed since it was ingested (other bytes at its path); ingest it again to play it`, { audioId: audio.id });
    }
  }

  /** Whether the file at the audio's stored path is its source (false when it is gone or other bytes); opens and closes it. */
  async holds(audio: AudioRow): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(audio.sourcePath, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    try {
      return await this.same(audio, handle, await handle.stat());
    } finally {
      await handle.close();
    }
  }

  private async same(audio: AudioRow, handle: FileHandle, stat: Stats): Promise<boolean> {
    const recorded = await this.store.audios.fileIdentity(audio.id);
    if (recorded && recorded.sizeBytes === stat.size && recorded.mtimeMs === stat.mtimeMs) return true;
    const version = `${stat.size}:${stat.mtimeMs}`;
    const known = this.verdicts.get(audio.id);
    if (known?.version === version) return known.same;
    const same = (await handleSha256(handle)) === audio.contentSha256;
    if (this.verdicts.size >= MAX_REMEMBERED) this.verdicts.clear();
    this.verdicts.set(audio.id, { version, same });
    return same;
  }
}
