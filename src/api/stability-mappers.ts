import type { AudioStabilityRow, StabilityLayerRow, StabilityRunRow } from '../store/rows.js';
import { AudioStability, LayerStability, StabilityRun } from './types/stability.type.js';

/** A layer's counts with agreement (agreeing / frames) and UED (edits / units). */
export function toLayerStability(row: StabilityLayerRow): LayerStability {
  return Object.assign(new LayerStability(), row, {
    agreement: row.frames > 0 ? row.agreeing / row.frames : null,
    unitEditDistance: row.units > 0 ? row.edits / row.units : null,
  });
}

/** A stored run with its per-layer sums. */
export function toStabilityRun(row: StabilityRunRow): StabilityRun {
  return Object.assign(new StabilityRun(), {
    id: String(row.id),
    corpusId: row.corpusId,
    model: row.model,
    modelSha256: row.modelSha256,
    perturbation: row.perturbation,
    createdAt: row.createdAt,
    audios: row.audios,
    audiosWithoutSource: row.audiosWithoutSource,
    audiosSourceMissing: row.audiosSourceMissing,
    audiosOtherEncoder: row.audiosOtherEncoder,
    frames: row.layers[0]?.frames ?? 0,
    layers: row.layers.map(toLayerStability),
  });
}

/** One audio's layers within a run. */
export function toAudioStability(row: AudioStabilityRow): AudioStability {
  return Object.assign(new AudioStability(), {
    runId: String(row.runId),
    model: row.model,
    modelSha256: row.modelSha256,
    perturbation: row.perturbation,
    createdAt: row.createdAt,
    frames: row.layers[0]?.frames ?? 0,
    layers: row.layers.map(toLayerStability),
  });
}
