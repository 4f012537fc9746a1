import { invalidArgument } from '../errors.js';

/** Tensor element types the graph builder and the model reader name, in onnxruntime's spelling. */
export type ElementType = 'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';

// TensorProto.DataType numbers (onnx.proto); kept here so nothing else spells magic numbers.
const CODES: Readonly<Record<ElementType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int16: 5,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
};

/** Bytes one element takes in an ONNX raw_data buffer (little-endian). */
export const ELEMENT_BYTES: Readonly<Record<ElementType, number>> = {
  float32: 4,
  uint8: 1,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  bool: 1,
  float64: 8,
};

/** The ONNX TensorProto.DataType number of an element type. */
export function elementTypeCode(type: ElementType): number {
  const code = CODES[type];
  if (code === undefined) throw invalidArgument(`element type: expected one of ${Object.keys(CODES).join(', ')}, got ${String(type)}`);
  return code;
}

/** The element type of an ONNX TensorProto.DataType number, or `unknown(<n>)` for types we do not name. */
export function elementTypeName(code: number): ElementType | `unknown(${number})` {
  for (const [name, c] of Object.entries(CODES)) if (c === code) return name as ElementType;
  return `unknown(${code})`;
}
