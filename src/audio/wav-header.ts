import type { AudioFile } from './audio-file.js';
import type { WavFormat } from './wav-format.js';
import { invalidAudio } from './audio-errors.js';
import { parseWavFormat } from './wav-format.js';

/** Where a WAV file's samples are and how they are laid out. */
export interface WavHeader {
  readonly format: WavFormat;
  /** Byte offset of the first sample. */
  readonly dataOffset: number;
  /** Bytes of whole sample frames in the data chunk. */
  readonly dataBytes: number;
}

/** RIFF's 32-bit size that means "see the ds64 chunk" (RF64/BW64) or "unknown, read to the end" (streamed). */
const SIZE_UNKNOWN = 0xffffffff;

const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(...b.subarray(at, at + 4));

/**
 * Walks the RIFF/RF64 chunks from `offset` to the data chunk, reading only chunk headers, `fmt `
 * and `ds64`, so a WAV of any length is opened in constant memory.
 */
export async function readWavHeader(file: AudioFile, offset: number): Promise<WavHeader> {
  let ds64DataBytes: number | undefined;
  let format: WavFormat | undefined;
  for (let at = offset + 12; ; ) {
    const chunk = await file.read(at, 8);
    if (chunk.length < 8) throw invalidAudio(file.path, `truncated WAV: no data chunk before the end of the file (byte ${at})`);
    const id = fourcc(chunk, 0);
    const size = new DataView(chunk.buffer, chunk.byteOffset).getUint32(4, true);
    const body = at + 8;
    if (id === 'data') {
      if (format === undefined) throw invalidAudio(file.path, 'WAV data chunk comes before any fmt chunk');
      const available = file.size - body;
      let declared = size;
      if (size === SIZE_UNKNOWN) declared = ds64DataBytes ?? available;
      if (declared > available) {
        throw invalidAudio(file.path, `truncated WAV: data chunk declares ${declared} bytes but only ${available} follow`, {
          declaredBytes: declared,
          availableBytes: available,
        });
      }
      // A trailing partial sample frame (a writer's bug, not truncation) is dropped.
      return { format, dataOffset: body, dataBytes: declared - (declared % format.blockAlign) };
    }
    if (id === 'fmt ' || id === 'ds64') {
      const bytes = await file.read(body, size);
      if (bytes.length < size) throw invalidAudio(file.path, `truncated WAV: ${id.trim()} chunk declares ${size} bytes`);
      if (id === 'fmt ') format = parseWavFormat(bytes, file.path);
      // ds64: riffSize (u64), dataSize (u64), sampleCount (u64), …; sizes beyond 2^53 are not real files.
      else if (size >= 16) ds64DataBytes = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(8, true));
    }
    at = body + size + (size & 1); // chunks are padded to an even length
  }
}
