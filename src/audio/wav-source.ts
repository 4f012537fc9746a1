import type { AudioFile } from './audio-file.js';
import type { PcmBlock, PcmSource } from './audio-info.js';
import { READ_BLOCK_BYTES } from './audio-file.js';
import { withDuration } from './audio-info.js';
import { decodeWavSamples } from './wav-samples.js';
import { readWavHeader } from './wav-header.js';

/** Opens the WAV (RIFF, RF64 or BW64) container that starts at `offset` in `file`. */
export async function openWavSource(file: AudioFile, offset: number): Promise<PcmSource> {
  const { format, dataOffset, dataBytes } = await readWavHeader(file, offset);
  const samplesPerChannel = dataBytes / format.blockAlign;
  const info = withDuration({
    format: 'wav',
    codec: format.codec,
    sampleRate: format.sampleRate,
    channels: format.channels,
    samplesPerChannel,
  });
  // Whole sample frames per read, so no frame straddles two blocks.
  const blockBytes = Math.max(1, Math.floor(READ_BLOCK_BYTES / format.blockAlign)) * format.blockAlign;
  return {
    info,
    async *blocks(): AsyncGenerator<PcmBlock> {
      let sample = 0;
      for await (const bytes of file.blocks(dataOffset, dataOffset + dataBytes, blockBytes)) {
        yield decodeWavSamples(bytes, format, sample, file.path);
        sample += bytes.length / format.blockAlign;
      }
    },
    close: () => file.close(),
  };
}
