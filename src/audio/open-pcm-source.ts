import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import type { PcmSource } from './audio-info.js';
import type { WasmCodec } from './wasm-source.js';
import { invalidAudio } from './audio-errors.js';
import { AudioFile } from './audio-file.js';
import { detectContainer } from './detect-container.js';
import { readFlacStreamInfo } from './flac-stream-info.js';
import { readMp3StreamInfo } from './mp3-stream-info.js';
import { MpegFrameWalker } from './mpeg-frame-walker.js';
import { readOggStreamInfo } from './ogg-stream-info.js';
import { openWasmSource } from './wasm-source.js';
import { openWavSource } from './wav-source.js';

/**
 * Opens `path` for decoding: detects the container from its magic bytes, reads the headers and
 * returns a streaming source. The caller must close() it. All decoders run in process (wasm), so no
 * system ffmpeg is needed.
 */
export async function openPcmSource(path: string): Promise<PcmSource> {
  const file = await AudioFile.open(path);
  try {
    const { format, offset } = await detectContainer(file);
    switch (format) {
      case 'wav':
        return await openWavSource(file, offset);
      case 'flac': {
        const info = await readFlacStreamInfo(file, offset);
        const expected = info.samplesPerChannel;
        return openWasmSource(file, offset, info, {
          createDecoder: () => new FLACDecoder(),
          checkEnd(decoded) {
            if (expected !== undefined && decoded < expected) {
              throw invalidAudio(path, `truncated FLAC: decoded ${decoded} of the ${expected} samples STREAMINFO declares`);
            }
          },
        });
      }
      case 'mp3': {
        const info = await readMp3StreamInfo(file, offset);
        const walker = new MpegFrameWalker(offset);
        const codec: WasmCodec = {
          // Gapless: drop the encoder delay and padding that LAME's Info tag records, so lengths match the source.
          createDecoder: () => new MPEGDecoder({ enableGapless: true }),
          onBytes: (bytes, start) => walker.push(bytes, start),
          checkEnd() {
            if (walker.isTruncated(file.size)) {
              throw invalidAudio(path, `truncated MP3: the last frame needs ${walker.expectedEnd} bytes but the file has ${file.size}`);
            }
          },
        };
        return openWasmSource(file, offset, info, codec);
      }
      case 'ogg': {
        const info = await readOggStreamInfo(file, offset);
        const createDecoder = info.codec === 'opus' ? () => new OggOpusDecoder() : () => new OggVorbisDecoder();
        return openWasmSource(file, offset, info, { createDecoder });
      }
    }
  } catch (error) {
    await file.close();
    throw error;
  }
}
