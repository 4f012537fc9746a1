import { createHash } from 'node:crypto';
import { npyHeader } from '../ingest/codes/npy-writer.js';
import type { Codebooks, OutputProjection } from './codebooks.js';

/** The canonical .npy bytes of layers × entries × dim float32 vectors ('<f4', C order, version 1). */
export function codebooksNpyBytes(layers: number, entries: number, dim: number, vectors: Float32Array): Uint8Array {
  const header = npyHeader('<f4', false, [layers, entries, dim]);
  const out = new Uint8Array(header.length + vectors.byteLength);
  out.set(header, 0);
  const data = new DataView(out.buffer, header.length);
  for (let i = 0; i < vectors.length; i++) data.setFloat32(i * 4, vectors[i]!, true);
  return out;
}

/**
 * Builds Codebooks from [layers, entries, dim] vectors; the identity is the sha256 of the canonical
 * .npy bytes, followed by the projection's float32 bytes when there is one.
 */
export function makeCodebooks(layers: number, entries: number, dim: number, vectors: Float32Array, outputProjection?: OutputProjection): Codebooks {
  const hash = createHash('sha256').update(codebooksNpyBytes(layers, entries, dim, vectors));
  if (outputProjection !== undefined) hash.update(new Uint8Array(outputProjection.weights.buffer, outputProjection.weights.byteOffset, outputProjection.weights.byteLength));
  return { layers, entries, dim, vectors, sha256: hash.digest('hex'), ...(outputProjection === undefined ? {} : { outputProjection }) };
}
