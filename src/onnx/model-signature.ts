import { elementTypeName, type ElementType } from './element-type.js';
import type { Dim } from './graph-builder.js';
import type { onnx as proto } from 'onnx-proto';
import { onnx } from './onnx-proto.js';

/** One graph input or output as the ONNX file declares it. */
export interface TensorSignature {
  readonly name: string;
  /** Element type, or `unknown(<n>)` for a type we do not name, or 'non-tensor'. */
  readonly type: ElementType | `unknown(${number})` | 'non-tensor';
  /** Declared shape: numbers fixed, strings symbolic, '?' for an unnamed unknown dimension. */
  readonly dims: readonly Dim[];
}

/** What a model file declares: graph inputs (initializers excluded), outputs, default-domain opset. */
export interface ModelSignature {
  readonly inputs: readonly TensorSignature[];
  readonly outputs: readonly TensorSignature[];
  readonly opset: number | undefined;
}

/**
 * Reads the inputs and outputs an ONNX file declares, without creating a session (for listings, and
 * where a runtime does not expose metadata). Throws protobufjs's error on bytes that are not ONNX.
 */
export function readModelSignature(bytes: Uint8Array): ModelSignature {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const initializers = new Set((graph?.initializer ?? []).map((t) => t.name ?? ''));
  const sig = (v: proto.IValueInfoProto): TensorSignature => {
    const name = v.name ?? '';
    const tensor = v.type?.tensorType;
    if (!tensor) return { name, type: 'non-tensor', dims: [] };
    const dims = (tensor.shape?.dim ?? []).map((d: proto.TensorShapeProto.IDimension): Dim => (d.dimParam ? d.dimParam : d.dimValue != null ? Number(d.dimValue) : '?'));
    return { name, type: elementTypeName(tensor.elemType ?? 0), dims };
  };
  const opset = model.opsetImport.find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
  return {
    inputs: (graph?.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map(sig),
    outputs: (graph?.output ?? []).map(sig),
    opset: opset ? Number(opset.version) : undefined,
  };
}
