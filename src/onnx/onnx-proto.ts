/**
 * The ONNX protobuf classes (onnx-proto, a CommonJS package) as one ESM value, so the rest of the
 * code imports `onnx` from here and never deals with the CommonJS default-import shape. For the
 * message types use `import type { onnx as proto } from 'onnx-proto'` (proto.IModelProto, …).
 */
import onnxProto from 'onnx-proto';

/** The `onnx` protobuf namespace: ModelProto, GraphProto, TensorProto, … */
export const onnx = onnxProto.onnx;
