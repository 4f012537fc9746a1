import { LAYER_COUNT } from '../../domain/contract.js';
import type { CodeLocation } from './code-location.js';
import { invalidCodes } from './code-location.js';

/** How a 2-D code array is laid out: [frames, 16] (the official format) or [16, frames]. */
export type Orientation = 'frame-major' | 'layer-major';

/** Options for reading 2-D code arrays whose orientation the shape alone may not settle. */
export interface OrientationOptions {
  /** Required for a 16×16 array; otherwise the dimension of 16 decides ([N,16] or [16,N]). */
  readonly orientation?: Orientation;
}

/**
 * Decides the orientation of a [rows, cols] array. An explicit choice must fit the shape; without
 * one, the dimension of 16 decides, and a 16×16 array is refused because either reading is plausible.
 */
export function resolveOrientation(
  shape: readonly [number, number],
  requested: Orientation | undefined,
  at: CodeLocation,
): Orientation {
  const [rows, cols] = shape;
  const shown = `[${rows}, ${cols}]`;
  if (requested === 'frame-major') {
    if (cols !== LAYER_COUNT) {
      throw invalidCodes(at, `shape ${shown} is not frame-major: expected [N, ${LAYER_COUNT}]`);
    }
    return requested;
  }
  if (requested === 'layer-major') {
    if (rows !== LAYER_COUNT) {
      throw invalidCodes(at, `shape ${shown} is not layer-major: expected [${LAYER_COUNT}, N]`);
    }
    return requested;
  }
  if (rows === LAYER_COUNT && cols === LAYER_COUNT) {
    throw invalidCodes(
      at,
      `shape ${shown} is ambiguous (16 frames × 16 layers or 16 layers × 16 frames); ` +
        `pass orientation 'frame-major' or 'layer-major'`,
    );
  }
  if (cols === LAYER_COUNT) return 'frame-major';
  if (rows === LAYER_COUNT) return 'layer-major';
  throw invalidCodes(at, `shape ${shown} has no dimension of ${LAYER_COUNT} layers; expected [N, 16] or [16, N]`);
}
