import { CODEBOOK_SIZE, LAYER_COUNT } from '../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../errors.js';

/**
 * A model's codebooks: the vector each token stands for, per layer.
 * Layer L (1..16), token t, dimension d is `vectors[((L - 1) * entries + t) * dim + d]`.
 */
export interface Codebooks {
  /** Number of layers (16 for this contract). */
  readonly layers: number;
  /** Entries per layer (2048 for this contract). */
  readonly entries: number;
  /** Dimension D of one codebook vector. */
  readonly dim: number;
  /** layers × entries × dim float32, row-major. */
  readonly vectors: Float32Array;
  /** A fixed linear map the decoder applies to the summed vectors, D → outputDim, if the model has one. */
  readonly outputProjection?: OutputProjection;
  /** sha256 (lowercase hex) of the canonical codebooks.npy bytes: the identity of these codebooks. */
  readonly sha256: string;
}

/** A D → outputDim matrix, row-major [outputDim, D] (y = W x), float32. */
export interface OutputProjection {
  /** Rows of W: the dimension after projection. */
  readonly outputDim: number;
  /** outputDim × D float32, row-major. */
  readonly weights: Float32Array;
}

/** An INVALID_MODEL error naming what (a tensor, a file) was wrong. */
export function invalidModel(message: string, details: Record<string, unknown> = {}): TokenscopeError {
  return new TokenscopeError(ErrorCode.INVALID_MODEL, message, details);
}

/** Checks that `shape` is [16, 2048, D] for tokenscope's contract and returns D; `what` names the tensor or file. */
export function checkCodebookShape(what: string, shape: readonly number[]): number {
  const [layers, entries, dim] = shape;
  if (shape.length !== 3 || layers !== LAYER_COUNT || entries !== CODEBOOK_SIZE || !(dim! > 0)) {
    throw invalidModel(
      `${what}: expected codebooks of shape [${LAYER_COUNT}, ${CODEBOOK_SIZE}, D] with D ≥ 1; received [${shape.join(', ')}]`,
      { tensor: what, shape: [...shape] },
    );
  }
  return dim!;
}

/** The vector of token `token` in layer `layer` (1..16), as a view into the codebooks. */
export function codebookVector(codebooks: Codebooks, layer: number, token: number): Float32Array {
  const at = ((layer - 1) * codebooks.entries + token) * codebooks.dim;
  return codebooks.vectors.subarray(at, at + codebooks.dim);
}
