import { TokenscopeError } from '../errors.js';
import { fileLocation } from '../ingest/codes/code-location.js';
import { parseNpyHeader } from '../ingest/codes/npy-header.js';
import type { Codebooks } from './codebooks.js';
import { checkCodebookShape, invalidModel } from './codebooks.js';
import { makeCodebooks } from './codebooks-npy.js';

/** Reads a float32 [16, 2048, D] .npy (C order, either byte order) as Codebooks; INVALID_MODEL naming the file otherwise. */
export function parseNpyCodebooks(bytes: Uint8Array, path: string): Codebooks {
  let header;
  try {
    header = parseNpyHeader(bytes, fileLocation(path));
  } catch (error) {
    // The header parser speaks of code files; here the same problems make a bad model file.
    if (error instanceof TokenscopeError) throw invalidModel(error.message, { path });
    throw error;
  }
  if (header.descr !== '<f4' && header.descr !== '>f4') throw invalidModel(`${path}: expected dtype '<f4' (float32); received '${header.descr}'`, { path });
  if (header.fortranOrder) throw invalidModel(`${path}: expected C order (fortran_order False); received fortran_order True`, { path });
  const dim = checkCodebookShape(path, header.shape);
  const count = header.shape[0]! * header.shape[1]! * dim;
  if (bytes.length - header.dataOffset !== count * 4) {
    throw invalidModel(`${path}: expected ${count * 4} data bytes for shape [${header.shape.join(', ')}]; received ${bytes.length - header.dataOffset}`, { path });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.dataOffset, count * 4);
  const le = header.descr === '<f4';
  const vectors = new Float32Array(count);
  for (let i = 0; i < count; i++) vectors[i] = view.getFloat32(i * 4, le);
  return makeCodebooks(header.shape[0]!, header.shape[1]!, dim, vectors);
}
