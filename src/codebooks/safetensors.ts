import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { ErrorCode, TokenscopeError } from '../errors.js';
import { invalidModel } from './codebooks.js';

/** One tensor as the safetensors header describes it. */
export interface SafetensorInfo {
  /** 'F32', 'F16', 'BF16', 'I64', … as written in the file. */
  readonly dtype: string;
  /** Dimensions. */
  readonly shape: readonly number[];
  /** Byte range [begin, end) relative to the start of the data section. */
  readonly begin: number;
  readonly end: number;
}

/** An open .safetensors file: its header, and tensors read on demand as float32. */
export interface SafetensorsFile {
  /** The tensors by name (the `__metadata__` entry is left out). */
  readonly tensors: ReadonlyMap<string, SafetensorInfo>;
  /** Reads tensor `name` (F32, F16 or BF16) as float32; INVALID_MODEL naming it for any other dtype. */
  readFloat32(name: string): Promise<Float32Array>;
  /** Releases the file handle. */
  close(): Promise<void>;
}

const ELEMENT_BYTES: Readonly<Record<string, number>> = { F32: 4, F16: 2, BF16: 2 };

/** Opens a .safetensors file (u64 little-endian header length, JSON header, then raw little-endian tensors). */
export async function openSafetensors(path: string): Promise<SafetensorsFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new TokenscopeError(ErrorCode.UNREADABLE_FILE, `${path}: cannot be read (${(cause as Error).message})`, { path }, { cause });
  }
  try {
    const { size } = await handle.stat();
    const lengthBytes = Buffer.alloc(8);
    if (size < 8 || (await handle.read(lengthBytes, 0, 8, 0)).bytesRead < 8) throw invalidModel(`${path}: expected a .safetensors file (8-byte header length); received ${size} bytes`);
    const headerLength = Number(lengthBytes.readBigUInt64LE(0));
    if (8 + headerLength > size) throw invalidModel(`${path}: expected a header of ${headerLength} bytes; the file has ${size} bytes`);
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, 8);
    const tensors = parseHeader(path, headerBytes.toString('utf8'), size - 8 - headerLength);
    const dataStart = 8 + headerLength;
    return {
      tensors,
      async readFloat32(name) {
        const info = tensors.get(name);
        if (info === undefined) throw invalidModel(`${path}: expected a tensor named ${name}; none found`, { tensor: name });
        const width = ELEMENT_BYTES[info.dtype];
        const count = info.shape.reduce((a, b) => a * b, 1);
        if (width === undefined) throw invalidModel(`${name}: expected dtype F32, F16 or BF16; received ${info.dtype}`, { tensor: name, dtype: info.dtype });
        if (info.end - info.begin !== count * width) {
          throw invalidModel(`${name}: expected ${count * width} bytes for ${info.dtype} [${info.shape.join(', ')}]; received ${info.end - info.begin}`, { tensor: name });
        }
        const raw = Buffer.alloc(info.end - info.begin);
        await handle.read(raw, 0, raw.length, dataStart + info.begin);
        return toFloat32(raw, info.dtype, count);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function parseHeader(path: string, text: string, dataBytes: number): Map<string, SafetensorInfo> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidModel(`${path}: expected a JSON safetensors header; received text that does not parse`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalidModel(`${path}: expected a JSON object as safetensors header`);
  const out = new Map<string, SafetensorInfo>();
  for (const [name, value] of Object.entries(json)) {
    if (name === '__metadata__') continue;
    const v = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const shape = v.shape;
    const offsets = v.data_offsets;
    const okShape = Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0);
    const okOffsets = Array.isArray(offsets) && offsets.length === 2 && offsets.every((d) => Number.isInteger(d) && d >= 0) && offsets[0] <= offsets[1] && offsets[1] <= dataBytes;
    if (typeof v.dtype !== 'string' || !okShape || !okOffsets) {
      throw invalidModel(`${name}: expected {dtype, shape, data_offsets} within the ${dataBytes} data bytes of ${path}; received ${JSON.stringify(value)}`, { tensor: name });
    }
    out.set(name, { dtype: v.dtype, shape: shape as number[], begin: (offsets as number[])[0]!, end: (offsets as number[])[1]! });
  }
  return out;
}

/** Widens little-endian F32, F16 or BF16 bytes to float32. */
function toFloat32(raw: Buffer, dtype: string, count: number): Float32Array {
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    for (let i = 0; i < count; i++) out[i] = raw.readFloatLE(i * 4);
  } else if (dtype === 'BF16') {
    // bfloat16 is the top half of a float32.
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = raw.readUInt16LE(i * 2) << 16;
  } else {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(raw.readUInt16LE(i * 2));
  }
  return out;
}

/** IEEE 754 binary16 → number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
