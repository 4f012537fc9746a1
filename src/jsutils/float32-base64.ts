import { endianness } from 'node:os';

/** Base64 of `values` as little-endian float32 bytes (4 per value), whatever the machine's byte order. */
export function float32LittleEndianBase64(values: Float32Array): string {
  if (endianness() === 'LE') return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
  const bytes = Buffer.alloc(values.byteLength);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i]!, i * 4);
  return bytes.toString('base64');
}
