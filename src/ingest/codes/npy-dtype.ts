import type { CodeLocation } from './code-location.js';
import { invalidCodes } from './code-location.js';

/** An integer .npy dtype: signedness, width in bytes and byte order. */
export interface NpyIntDtype {
  readonly signed: boolean;
  readonly bytes: 1 | 2 | 4 | 8;
  readonly littleEndian: boolean;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  b: 'bool', f: 'float', c: 'complex', O: 'object', U: 'unicode string', S: 'byte string', a: 'byte string',
  V: 'void/structured', M: 'datetime', m: 'timedelta',
};

/** Interprets a descr such as '<i8' or '>u2'; any non-integer dtype is refused by name. */
export function parseIntDtype(descr: string, at: CodeLocation): NpyIntDtype {
  const match = /^([<>|=])([a-zA-Z])(\d*)$/.exec(descr);
  const kind = match?.[2];
  if (match === null || (kind !== 'i' && kind !== 'u')) {
    const name = kind === undefined ? 'unrecognised' : (KIND_NAMES[kind] ?? 'non-integer');
    throw invalidCodes(at, `has dtype '${descr}' (${name}); expected an integer dtype (i1, u1, i2, u2, i4, u4, i8, u8)`);
  }
  const bytes = Number(match[3]);
  if (bytes !== 1 && bytes !== 2 && bytes !== 4 && bytes !== 8) {
    throw invalidCodes(at, `has dtype '${descr}' with ${bytes}-byte integers; expected 1, 2, 4 or 8 bytes`);
  }
  // '=' is native order; numpy writes '<' or '>' in files, and '=' in practice means little-endian.
  return { signed: kind === 'i', bytes, littleEndian: match[1] !== '>' };
}

/** A reader for element `index` of the data starting at `offset`; 8-byte values come back as bigint. */
export function elementReader(view: DataView, offset: number, dtype: NpyIntDtype): (index: number) => number | bigint {
  const { bytes, signed, littleEndian: le } = dtype;
  switch (bytes) {
    case 1:
      return signed ? (i) => view.getInt8(offset + i) : (i) => view.getUint8(offset + i);
    case 2:
      return signed ? (i) => view.getInt16(offset + 2 * i, le) : (i) => view.getUint16(offset + 2 * i, le);
    case 4:
      return signed ? (i) => view.getInt32(offset + 4 * i, le) : (i) => view.getUint32(offset + 4 * i, le);
    case 8:
      return signed ? (i) => view.getBigInt64(offset + 8 * i, le) : (i) => view.getBigUint64(offset + 8 * i, le);
  }
}
