import type { GaussianFit } from '../analytics/embedding-space/gaussian-fit.js';
import { GaussianAccumulator } from '../analytics/embedding-space/gaussian-fit.js';
import type { Codebooks } from '../codebooks/codebooks.js';
import { dequantize } from '../codebooks/dequantize.js';
import { codeMatrix } from '../domain/code-matrix.js';
import { LAYER_COUNT } from '../domain/contract.js';
import type { CorpusRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { ResultCache } from './result-cache.js';

/** Audios read per page while streaming a corpus. */
const PAGE = 500;
/** Frames dequantized at once, so a long audio of wide vectors (D = 512) needs 16 MiB, not its whole length. */
const BLOCK_FRAMES = 4096;

/**
 * A Gaussian fitted to the frame embeddings (sum of all 16 layers' codebook vectors) of every
 * matrix of `model` in `corpus`, streaming the matrices once. Kept in `cache` under the corpus's
 * fingerprint for that model and the codebooks' sha256, so it is computed again only when the
 * corpus's audios change or other codebooks are added. Stops between audios once `signal` aborts.
 */
export async function corpusGaussian(store: Store, cache: ResultCache, corpus: CorpusRow, model: string, codebooks: Codebooks, signal?: AbortSignal): Promise<GaussianFit> {
  const fingerprint = await store.corpora.fingerprint(corpus.id, model);
  return cache.get(`embedding.corpusGaussian|${corpus.id}|${fingerprint}|${codebooks.sha256}`, async () => {
    const acc = new GaussianAccumulator(codebooks.dim);
    for (let after = 0; ; ) {
      signal?.throwIfAborted();
      const page = await store.audios.listByCorpus(corpus.id, PAGE, after);
      if (!page.length) break;
      for (const audio of page) {
        if (audio.model !== model) continue;
        signal?.throwIfAborted();
        const { tokens, frames } = await store.audios.window(audio.id, 0, audio.frameCount);
        for (let start = 0; start < frames; start += BLOCK_FRAMES) {
          // Each block is O(D²) a frame (seconds at D = 512): let other requests run in between.
          if (start > 0) await new Promise((resolve) => setImmediate(resolve));
          signal?.throwIfAborted();
          acc.add(dequantize(codeMatrix(tokens.subarray(start * LAYER_COUNT, Math.min(frames, start + BLOCK_FRAMES) * LAYER_COUNT)), codebooks));
        }
      }
      after = page.at(-1)!.id;
    }
    return acc.fit();
  });
}
