import { readAudio24k } from '../../src/audio/index.js';
import { SAMPLES_PER_FRAME, SAMPLE_RATE } from '../../src/domain/contract.js';
import { openTokenizer } from '../../src/tokenizer/open-tokenizer.js';
import { DEFAULT_CHUNK_FRAMES } from '../../src/tokenizer/tokenizer.js';
import type { TestFile } from './test-audio.js';
import { measureThroughput } from './throughput.js';
import type { Throughput } from './throughput.js';

/** Encode-only figures for one thread setting. */
export interface EncodeFigures extends Throughput {
  /** onnxruntime intra-op threads asked for (0: its default, one per core). */
  threads: number;
  /** Pieces encoded per run (750 frames = 60 s each; the last may be shorter). */
  pieces: number;
}

/** The files decoded once to 24 kHz mono, cut in pieces of 750 frames as the ingest cuts them. */
export async function decodePieces(files: readonly TestFile[]): Promise<Float32Array[]> {
  const pieces: Float32Array[] = [];
  for (const f of files) for await (const chunk of readAudio24k(f.path, { chunkSamples: DEFAULT_CHUNK_FRAMES * SAMPLES_PER_FRAME })) pieces.push(chunk);
  return pieces;
}

/**
 * Encodes pre-decoded pieces with the reference encoder on the CPU, `runs` times, with the
 * tokenizer opened once (sha256 check and warm-up excluded from the timing).
 */
export async function measureEncode(modelDir: string, pieces: readonly Float32Array[], threads: number, runs: number): Promise<EncodeFigures> {
  const tokenizer = await openTokenizer(modelDir, { device: 'cpu', threads });
  try {
    const seconds = pieces.reduce((a, p) => a + p.length, 0) / SAMPLE_RATE;
    await tokenizer.encode(pieces[0]!); // a full-size piece first: onnxruntime sizes its buffers on the first large run
    const t = await measureThroughput(seconds, runs, async () => {
      for (const p of pieces) await tokenizer.encode(p);
    });
    return { ...t, threads, pieces: pieces.length };
  } finally {
    await tokenizer.close();
  }
}
