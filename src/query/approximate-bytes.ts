/** Bytes charged for every object or array besides its contents (header, hidden class, slots). */
const OBJECT_OVERHEAD = 32;

/**
 * Approximate heap bytes held by a value made of plain objects, arrays, typed arrays, strings,
 * numbers and dates (what the store's rows and detector runs are made of): enough to bound a
 * cache, not an exact measure. Shared objects are counted once.
 */
export function approximateBytes(value: unknown, seen = new Set<object>()): number {
  switch (typeof value) {
    case 'string':
      return 16 + 2 * value.length;
    case 'number':
    case 'bigint':
    case 'boolean':
      return 8;
    case 'object': {
      if (value === null) return 8;
      if (seen.has(value)) return 8;
      seen.add(value);
      if (ArrayBuffer.isView(value)) return OBJECT_OVERHEAD + value.byteLength;
      if (value instanceof Date) return OBJECT_OVERHEAD + 8;
      let bytes = OBJECT_OVERHEAD;
      if (value instanceof Map) {
        for (const [k, v] of value) bytes += approximateBytes(k, seen) + approximateBytes(v, seen);
        return bytes;
      }
      if (Array.isArray(value)) {
        for (const item of value) bytes += 8 + approximateBytes(item, seen);
        return bytes;
      }
      for (const key of Object.keys(value)) bytes += 8 + approximateBytes((value as Record<string, unknown>)[key], seen);
      return bytes;
    }
    default:
      return 8;
  }
}
