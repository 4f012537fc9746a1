import { parseMpegHeader } from './mpeg-frame-header.js';

/**
 * Follows MPEG frame headers through a byte stream fed in blocks, to tell a complete file from one
 * cut inside its last frame (which the decoder silently drops). It stops following, and claims
 * nothing, at anything that is not a frame header: an ID3v1/APE tag, junk, or a free-format frame.
 */
export class MpegFrameWalker {
  /** Absolute byte offset where the next frame header is expected. */
  private next: number;
  private following = true;
  /** The last bytes of the previous block, for a header that straddles two blocks. */
  private carry = new Uint8Array(0);

  constructor(firstFrameOffset: number) {
    this.next = firstFrameOffset;
  }

  /** Feeds the block of bytes that starts at absolute offset `start`. */
  push(block: Uint8Array, start: number): void {
    const joined = new Uint8Array(this.carry.length + block.length);
    joined.set(this.carry);
    joined.set(block, this.carry.length);
    const base = start - this.carry.length;
    while (this.following && this.next + 4 <= base + joined.length) {
      const header = parseMpegHeader(joined, this.next - base);
      if (header === undefined || header.frameBytes === 0) this.following = false;
      else this.next += header.frameBytes;
    }
    this.carry = joined.slice(Math.max(0, joined.length - 3));
  }

  /** True when the walk reached the end with a frame that extends past `fileSize` bytes. */
  isTruncated(fileSize: number): boolean {
    return this.following && this.next > fileSize;
  }

  /** Byte offset where the last frame the walk saw would end. */
  get expectedEnd(): number {
    return this.next;
  }
}
