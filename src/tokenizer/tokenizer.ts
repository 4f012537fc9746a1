import type { CodeMatrix } from '../domain/code-matrix.js';
import type { Device, DeviceRequest } from './execution-device.js';
import type { LayoutName } from './layout.js';

/** Frames encoded per run by default: 750 frames = 60 s of audio (5.8 MB of float32 input). */
export const DEFAULT_CHUNK_FRAMES = 750;

/** What a tokenizer runs: the registered model and where it runs. */
export interface ModelInfo {
  /** Manifest id. */
  readonly id: string;
  readonly family: string;
  /** sha256 of the ONNX file (lowercase hex): with the id, the identity recorded with every matrix. */
  readonly sha256: string;
  readonly layout: LayoutName;
  /** The device the session actually runs on. */
  readonly device: Device;
  /** Why that device: what was requested and, for `auto`, what was found. */
  readonly deviceReason: string;
  /** Whether the model has context across frames (chunks then overlap by `chunkOverlapFrames`). */
  readonly contextual: boolean;
  /** Context frames fed on each side of a chunk. */
  readonly chunkOverlapFrames: number;
}

/**
 * An audio encoder: 24 kHz mono float32 in, an N × 16 CodeMatrix of tokens 0..2047 out, with
 * N = ceil(T / 1920) for T ≥ 1 samples. Encodes run one at a time per tokenizer. Close it when
 * done; encode after close is refused.
 */
export interface Tokenizer {
  readonly model: ModelInfo;
  /** Encodes 24 kHz mono samples (T ≥ 1, finite) into ceil(T / 1920) frames. */
  encode(samples: Float32Array): Promise<CodeMatrix>;
  /** Waits for running encodes and releases the session; idempotent. */
  close(): Promise<void>;
}

/** Options of `openTokenizer`. */
export interface TokenizerOptions {
  /** `cpu`, `cuda`, or `auto` (CUDA when its provider is installed, else CPU; default). */
  readonly device?: DeviceRequest;
  /** Intra-op threads of the session; 0 or absent lets onnxruntime choose (onnxruntime-node 1.30 used one compute thread on a 2-core machine: see docs/benchmarks.md). */
  readonly threads?: number;
  /** Frames encoded per run (default 750 = 60 s), bounding memory on long inputs. */
  readonly chunkFrames?: number;
  /** Run one silent frame through the session at open so the first encode is not slow (default true). */
  readonly warmUp?: boolean;
  /** Recompute the ONNX file's sha256 and compare it with the manifest at open (default true). */
  readonly checkSha256?: boolean;
}
