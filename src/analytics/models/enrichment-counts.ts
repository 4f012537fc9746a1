import { CODEBOOK_SIZE, LAYER_COUNT, layerIndex } from '../../domain/contract.js';
import type { TrainingExample } from '../detectors/detector-context.js';

/** Per-layer token counts in labelled event frames and in unlabelled (background) frames. */
export interface EnrichmentCounts {
  /** Layers (1..16, ascending) counted; the arrays below follow this order. */
  readonly layers: readonly number[];
  /** Per layer: 2048 counts of tokens in event frames. */
  readonly event: readonly Float64Array[];
  /** Per layer: 2048 counts of tokens in background frames. */
  readonly background: readonly Float64Array[];
  /** Event frames counted. */
  readonly eventFrames: number;
  /** Background frames counted. */
  readonly backgroundFrames: number;
  /** Training audio used (ids ascending), so a run can show what it was trained on. */
  readonly audioIds: readonly number[];
}

/**
 * Counts tokens of `examples` over `layers`. A frame is an event frame when a label equal to
 * `label` (or any label, for `*`) covers it, background when no label covers it; frames covered
 * only by other labels are left out. Examples whose id is in `heldOut` are skipped, whatever the
 * source returned.
 */
export async function enrichmentCountsOf(
  examples: AsyncIterable<TrainingExample>,
  layers: readonly number[],
  label: string,
  heldOut: readonly number[],
): Promise<EnrichmentCounts> {
  const event = layers.map(() => new Float64Array(CODEBOOK_SIZE));
  const background = layers.map(() => new Float64Array(CODEBOOK_SIZE));
  let eventFrames = 0;
  let backgroundFrames = 0;
  const audioIds: number[] = [];
  for await (const { audioId, matrix, labels } of examples) {
    if (heldOut.includes(audioId)) continue;
    audioIds.push(audioId);
    // 0 = background, 1 = event, 2 = another label only.
    const kind = new Uint8Array(matrix.frames);
    for (const span of labels) {
      const mark = label === '*' || span.label === label ? 1 : 2;
      const end = Math.min(matrix.frames, span.endFrame);
      for (let f = Math.max(0, span.startFrame); f < end; f++) kind[f] = kind[f] === 1 ? 1 : mark;
    }
    for (let f = 0; f < matrix.frames; f++) {
      if (kind[f] === 2) continue;
      const into = kind[f] === 1 ? event : background;
      if (kind[f] === 1) eventFrames++;
      else backgroundFrames++;
      layers.forEach((layer, j) => into[j]![matrix.tokens[f * LAYER_COUNT + layerIndex(layer)]!]!++);
    }
  }
  return { layers, event, background, eventFrames, backgroundFrames, audioIds: audioIds.sort((a, b) => a - b) };
}
