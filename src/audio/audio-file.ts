import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { invalidAudio, unreadableFile } from './audio-errors.js';

/** Bytes read per step when streaming a file: large enough for speed, small enough to bound memory. */
export const READ_BLOCK_BYTES = 1 << 20;

/** An open audio file read by position; every read error becomes UNREADABLE_FILE naming the file. */
export class AudioFile {
  private constructor(
    /** The path as the caller gave it (used in every error message). */
    readonly path: string,
    /** File size in bytes. */
    readonly size: number,
    private readonly handle: FileHandle,
  ) {}

  /** Opens `path`; rejects a missing or unreadable file (UNREADABLE_FILE) and an empty one (INVALID_AUDIO). */
  static async open(path: string): Promise<AudioFile> {
    let handle: FileHandle;
    let size: number;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw unreadableFile(path, error);
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('not a regular file');
      size = stat.size;
    } catch (error) {
      await handle.close();
      throw unreadableFile(path, error);
    }
    if (size === 0) {
      await handle.close();
      throw invalidAudio(path, 'the file is empty (0 bytes), expected audio');
    }
    return new AudioFile(path, size, handle);
  }

  /** Up to `length` bytes from byte `position` (fewer at the end of the file). */
  async read(position: number, length: number): Promise<Uint8Array> {
    const want = Math.max(0, Math.min(length, this.size - position));
    const bytes = new Uint8Array(want);
    let filled = 0;
    try {
      while (filled < want) {
        const { bytesRead } = await this.handle.read(bytes, filled, want - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
    } catch (error) {
      throw unreadableFile(this.path, error);
    }
    return filled === want ? bytes : bytes.subarray(0, filled);
  }

  /** The bytes from `start` to `end` (default: the end of the file), in blocks of `blockBytes`. */
  async *blocks(start = 0, end = this.size, blockBytes = READ_BLOCK_BYTES): AsyncGenerator<Uint8Array> {
    for (let position = start; position < end; position += blockBytes) {
      yield await this.read(position, Math.min(blockBytes, end - position));
    }
  }

  private closed = false;

  /** Releases the file handle; later calls do nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
