import type { Codebooks } from '../../codebooks/codebooks.js';
import { invalidModel } from '../../codebooks/codebooks.js';
import type { CodeMatrix } from '../../domain/code-matrix.js';
import { LAYER_COUNT } from '../../domain/contract.js';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import { FEATURE_DIM } from './feature-layout.js';
import type { FeatureNormalisation } from './reference-normalisation.js';

/**
 * The raw features of a code matrix (n × 72, in shared memory so decode workers read them in
 * place), made a range of frames at a time when a decode first needs them: the same values as
 * destandardise(dequantizeLayers(codes, codebooks, layers), norm) frame for frame (the kept
 * layers' codebook vectors summed in float64 in layer order, rounded to float32 once, then mapped
 * back to raw units). A stream's first second, or a range an hour in, then costs the frames it
 * decodes rather than a pass over the whole hour. Frames not yet made hold zeros.
 */
export class LazyFeatures {
  /** n × 72 float32 over a SharedArrayBuffer. */
  readonly values: Float32Array;
  private readonly made: Uint8Array;
  private readonly layers: readonly number[];
  private readonly sum = new Float64Array(FEATURE_DIM);

  constructor(
    private readonly codes: CodeMatrix,
    private readonly codebooks: Codebooks,
    layers: readonly number[],
    private readonly norm: FeatureNormalisation,
  ) {
    if (codebooks.dim !== FEATURE_DIM) throw invalidModel(`codebooks: expected vectors of ${FEATURE_DIM} values (a tokenscope-ref model); received ${codebooks.dim}`, { dim: codebooks.dim });
    this.layers = [...layers].sort((a, b) => a - b);
    this.values = new Float32Array(new SharedArrayBuffer(codes.frames * FEATURE_DIM * 4));
    this.made = new Uint8Array(codes.frames);
  }

  /** Makes frames [from, to) (clipped to the matrix) ready; frames already made are left as they are. */
  ensure(from: number, to: number): void {
    const { tokens } = this.codes;
    const { vectors, entries } = this.codebooks;
    const { mean, invStd } = this.norm;
    const sum = this.sum;
    for (let f = Math.max(0, from); f < Math.min(this.codes.frames, to); f++) {
      if (this.made[f]) continue;
      sum.fill(0);
      for (const layer of this.layers) {
        const token = tokens[f * LAYER_COUNT + layer - 1]!;
        if (token >= entries) throw new TokenscopeError(ErrorCode.INVALID_CODES, `codes: expected tokens 0..${entries - 1}; received ${token} at frame ${f}, layer ${layer}`, { frame: f, layer, token });
        const at = ((layer - 1) * entries + token) * FEATURE_DIM;
        for (let d = 0; d < FEATURE_DIM; d++) sum[d] += vectors[at + d]!;
      }
      const out = f * FEATURE_DIM;
      for (let d = 0; d < FEATURE_DIM; d++) this.values[out + d] = Math.fround(sum[d]!) / invStd[d]! + mean[d]!;
      this.made[f] = 1;
    }
  }
}
