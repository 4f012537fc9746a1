import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** A 16-bit PCM WAV written block by block, so a multi-GB file never sits in memory. */
export class WavWriter {
  private frames = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly sampleRate: number,
    private readonly channels: number,
  ) {}

  /** Creates (or truncates) `path` with room for the 44-byte header. */
  static async create(path: string, sampleRate: number, channels: number): Promise<WavWriter> {
    const file = await open(path, 'w');
    await file.write(Buffer.alloc(44), 0, 44, 0);
    return new WavWriter(file, sampleRate, channels);
  }

  /** Appends interleaved samples (int16, `channels` per frame). */
  async write(interleaved: Int16Array): Promise<void> {
    const bytes = Buffer.from(interleaved.buffer, interleaved.byteOffset, interleaved.byteLength);
    await this.file.write(bytes, 0, bytes.length, 44 + this.frames * this.channels * 2);
    this.frames += interleaved.length / this.channels;
  }

  /** Writes the RIFF header for the samples written and closes the file; returns the data bytes. */
  async close(): Promise<number> {
    const dataBytes = this.frames * this.channels * 2;
    if (dataBytes + 36 > 0xffffffff) throw new Error(`WAV data of ${dataBytes} bytes does not fit a RIFF header (4 GiB)`);
    const h = Buffer.alloc(44);
    h.write('RIFF', 0, 'ascii');
    h.writeUInt32LE(36 + dataBytes, 4);
    h.write('WAVE', 8, 'ascii');
    h.write('fmt ', 12, 'ascii');
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(1, 20); // PCM
    h.writeUInt16LE(this.channels, 22);
    h.writeUInt32LE(this.sampleRate, 24);
    h.writeUInt32LE(this.sampleRate * this.channels * 2, 28);
    h.writeUInt16LE(this.channels * 2, 32);
    h.writeUInt16LE(16, 34);
    h.write('data', 36, 'ascii');
    h.writeUInt32LE(dataBytes, 40);
    await this.file.write(h, 0, 44, 0);
    await this.file.close();
    return dataBytes;
  }
}
