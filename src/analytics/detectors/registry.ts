import type { CodeMatrix } from '../../domain/code-matrix.js';
import { ErrorCode, TokenscopeError, invalidArgument, notFound } from '../../errors.js';
import { coldTokensDetector } from './cold-tokens.detector.js';
import type { DetectionOutput, Detector, DetectorContext, ResolvedParams } from './detector.js';
import { interLayerSpreadDetector } from './inter-layer-spread.detector.js';
import { keyLayerVarianceDetector } from './key-layer-variance.detector.js';
import { resolveParams } from './resolve-params.js';

/** The detectors every registry starts with, in the order they are listed to users. */
export const BUILT_IN_DETECTORS: readonly Detector[] = [
  keyLayerVarianceDetector,
  interLayerSpreadDetector,
  coldTokensDetector,
];

/** A detector's output together with what produced it, so a run can be repeated exactly. */
export interface DetectorRun extends DetectionOutput {
  /** Detector name. */
  readonly detector: string;
  /** Parameters as resolved (defaults filled in, layer lists ascending). */
  readonly params: ResolvedParams;
}

/** The detectors by name. */
export interface DetectorRegistry {
  /** All detectors, in registration order. */
  list(): readonly Detector[];
  /** The detector called `name`; NOT_FOUND, listing the known names, if there is none. */
  get(name: string): Detector;
  /** Resolves `params` for detector `name` and runs it on `matrix` (at least one frame). */
  run(name: string, params: Readonly<Record<string, unknown>>, matrix: CodeMatrix, ctx: DetectorContext): Promise<DetectorRun>;
}

/** A registry of `detectors` (default: the built-in ones); names must be unique. */
export function createDetectorRegistry(detectors: readonly Detector[] = BUILT_IN_DETECTORS): DetectorRegistry {
  const byName = new Map<string, Detector>();
  for (const detector of detectors) {
    if (byName.has(detector.name)) {
      throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `detector ${detector.name} is registered twice`, {
        detector: detector.name,
      });
    }
    byName.set(detector.name, detector);
  }
  const registry: DetectorRegistry = {
    list: () => [...byName.values()],
    get(name) {
      const detector = byName.get(name);
      if (!detector) {
        const known = [...byName.keys()];
        throw notFound(`no detector named ${JSON.stringify(name)}; known detectors: ${known.join(', ')}`, {
          detector: name,
          known,
        });
      }
      return detector;
    },
    async run(name, params, matrix, ctx) {
      const detector = registry.get(name);
      const resolved = resolveParams(detector, params);
      if (matrix.frames === 0) {
        throw invalidArgument(`detector ${name} needs a matrix with at least one frame; received 0 frames`, {
          detector: name,
        });
      }
      const output = await detector.run(matrix, resolved, ctx);
      return { detector: name, params: resolved, ...output };
    },
  };
  return registry;
}
