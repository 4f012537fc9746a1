import type { AudioFile } from './audio-file.js';
import type { AudioInfo, PcmBlock, PcmSource } from './audio-info.js';
import { invalidAudio } from './audio-errors.js';

/** What every @wasm-audio-decoders decoder returns from decode() and flush(). */
export interface WasmDecoded {
  readonly channelData: Float32Array[];
  readonly samplesDecoded: number;
  readonly sampleRate: number;
  readonly errors: ReadonlyArray<{ readonly message: string }>;
}

/** The streaming surface shared by the FLAC, MPEG, Ogg Vorbis and Ogg Opus wasm decoders. */
export interface WasmDecoder {
  readonly ready: Promise<void>;
  decode(bytes: Uint8Array): WasmDecoded | Promise<WasmDecoded>;
  flush?(): Promise<WasmDecoded>;
  free(): void;
}

/** Codec-specific hooks around the shared decode loop. */
export interface WasmCodec {
  /** A fresh decoder (wasm instance); freed when decoding ends. */
  createDecoder(): WasmDecoder;
  /** Sees every block of file bytes before the decoder does (e.g. to follow MPEG frames). */
  onBytes?(bytes: Uint8Array, start: number): void;
  /** Called once the decoder has returned everything, with the samples per channel it returned. */
  checkEnd?(decodedSamples: number): void;
}

/** Compressed bytes fed per decode() call: small, because a block of low-bitrate Opus can be minutes of PCM. */
const COMPRESSED_BLOCK_BYTES = 64 * 1024;

/** A PcmSource that streams `file` from `offset` through a wasm decoder, one 64 KiB block at a time. */
export function openWasmSource(file: AudioFile, offset: number, info: AudioInfo, codec: WasmCodec): PcmSource {
  let live: WasmDecoder | undefined;
  let decoded = 0;
  // The decoder's own channel count, which may differ from the header's: mpg123 returns mono MP3 as two
  // identical channels. Averaging makes that harmless; a count that changes mid-stream is not.
  let channels: number | undefined;
  const accept = (result: WasmDecoded): PcmBlock | undefined => {
    const error = result.errors[0];
    if (error !== undefined) throw invalidAudio(file.path, `corrupt ${info.codec} data: ${error.message}`);
    if (result.samplesDecoded === 0) return undefined;
    channels ??= result.channelData.length;
    if (result.sampleRate !== info.sampleRate || result.channelData.length !== channels) {
      throw invalidAudio(file.path, `${info.codec} stream changes from ${channels} channels at ${info.sampleRate} Hz to ` +
        `${result.channelData.length} at ${result.sampleRate} Hz after ${decoded} samples; expected one format throughout`);
    }
    decoded += result.samplesDecoded;
    return result.channelData;
  };
  return {
    info,
    async *blocks(): AsyncGenerator<PcmBlock> {
      const decoder = codec.createDecoder();
      live = decoder;
      decoded = 0;
      channels = undefined;
      try {
        await decoder.ready;
        let start = offset;
        for await (const bytes of file.blocks(offset, file.size, COMPRESSED_BLOCK_BYTES)) {
          codec.onBytes?.(bytes, start);
          start += bytes.length;
          const block = accept(await decoder.decode(bytes));
          if (block) yield block;
        }
        const tail = decoder.flush ? accept(await decoder.flush()) : undefined;
        if (tail) yield tail;
        codec.checkEnd?.(decoded);
      } finally {
        decoder.free();
        live = undefined;
      }
    },
    async close() {
      live?.free();
      live = undefined;
      await file.close();
    },
  };
}
