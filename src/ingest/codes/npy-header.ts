import type { CodeLocation } from './code-location.js';
import { invalidCodes, showValue } from './code-location.js';

/** The six bytes every .npy file starts with: \x93NUMPY. */
export const NPY_MAGIC: readonly number[] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** What the header of a .npy file says about the array that follows it. */
export interface NpyHeader {
  /** Format version as "major.minor" (1.0, 2.0 or 3.0). */
  readonly version: string;
  /** numpy dtype string, e.g. '<i8'. */
  readonly descr: string;
  /** True when the data is stored column-major. */
  readonly fortranOrder: boolean;
  /** Array dimensions, e.g. [N, 16]. */
  readonly shape: readonly number[];
  /** Byte offset where the array data starts. */
  readonly dataOffset: number;
}

/** Parses the magic, version, header length and the python-dict header of a .npy file. */
export function parseNpyHeader(bytes: Uint8Array, at: CodeLocation): NpyHeader {
  if (bytes.length < 10 || NPY_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw invalidCodes(at, 'is not a .npy file: it does not start with \\x93NUMPY');
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3) throw invalidCodes(at, `has .npy format version ${major}.${minor}; supported: 1.0, 2.0, 3.0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw invalidCodes(at, 'ends inside the .npy header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (bytes.length < dataOffset) throw invalidCodes(at, `ends inside the .npy header (needs ${dataOffset} bytes)`);
  const encoding = major === 3 ? 'utf-8' : 'latin1';
  const dict = new TextDecoder(encoding).decode(bytes.subarray(8 + lengthBytes, dataOffset));
  return { version: `${major}.${minor}`, ...parseHeaderDict(dict, at), dataOffset };
}

/** Reads descr, fortran_order and shape from the header's python dict literal. */
function parseHeaderDict(dict: string, at: CodeLocation): Pick<NpyHeader, 'descr' | 'fortranOrder' | 'shape'> {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(dict)?.[1];
  if (descr === undefined) {
    const structured = /['"]descr['"]\s*:\s*\[/.test(dict);
    throw invalidCodes(at, structured ? 'has a structured dtype; expected a plain integer dtype' : `has no descr in its header ${showValue(dict.trim())}`);
  }
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(dict)?.[1];
  if (fortran === undefined) throw invalidCodes(at, `has no fortran_order in its header ${showValue(dict.trim())}`);
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (shapeText === undefined) throw invalidCodes(at, `has no shape in its header ${showValue(dict.trim())}`);
  const parts = shapeText.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.some((p) => !/^\d+L?$/.test(p))) throw invalidCodes(at, `has a malformed shape (${shapeText})`);
  return { descr, fortranOrder: fortran === 'True', shape: parts.map((p) => Number.parseInt(p, 10)) };
}
