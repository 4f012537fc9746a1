import type { LayerEnergies } from '../codebooks/layer-energy.js';
import { LayerEnergySums } from '../codebooks/layer-energy.js';
import { ALL_LAYERS, CODEBOOK_SIZE } from '../domain/contract.js';
import type { CorpusScope } from '../store/stats-repository.js';
import type { Store } from '../store/store.js';
import { optionalCodebooks } from './optional-codebooks.js';

/**
 * Each audio's per-layer residual energy (mean ‖c_L[token]‖² over its frames) from its stored token
 * counts, in `audioIds` order: no frame is read. null for an audio that is gone or whose model has
 * no codebooks (see optionalCodebooks).
 */
export async function audioLayerEnergies(store: Store, modelsDir: string, audioIds: readonly number[]): Promise<(LayerEnergies | null)[]> {
  const audios = new Map((await store.audios.findByIds(audioIds)).map((a) => [a.id, a]));
  const keys = audioIds.flatMap((audioId) => ALL_LAYERS.map((layer) => ({ audioId, layer })));
  const counts = await store.stats.audioTokenCounts(keys, CODEBOOK_SIZE);
  return Promise.all(
    audioIds.map(async (id) => {
      const audio = audios.get(id);
      const codebooks = audio ? await optionalCodebooks(modelsDir, audio.model, audio.modelSha256) : null;
      if (!codebooks) return null;
      const sums = new LayerEnergySums();
      for (const layer of ALL_LAYERS) sums.add(codebooks, (counts.get(`${id}:${layer}`) ?? []).map((r) => ({ layer, token: r.token, count: r.count })));
      return sums.result();
    }),
  );
}

/**
 * The per-layer residual energy of corpora (one model, or every model they hold) from the stored
 * corpus token counts: Σ_t count[L][t]·‖c_L[t]‖² / frames, each model's counts against its own
 * codebooks; exact, and no token is scanned. null when any model counted has no codebooks.
 */
export async function corpusLayerEnergies(store: Store, modelsDir: string, scope: CorpusScope): Promise<LayerEnergies | null> {
  const byModel = new Map<string, { layer: number; token: number; count: number }[]>();
  for (const r of await store.stats.corpusHistogramsByModel(scope)) {
    const list = byModel.get(r.model) ?? [];
    list.push(r);
    byModel.set(r.model, list);
  }
  const sums = new LayerEnergySums();
  for (const [model, counts] of byModel) {
    const codebooks = await optionalCodebooks(modelsDir, model, null);
    if (!codebooks) return null;
    sums.add(codebooks, counts);
  }
  return sums.result();
}
