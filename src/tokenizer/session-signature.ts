import { readFile } from 'node:fs/promises';
import type { InferenceSession } from 'onnxruntime-node';
import type { Dim } from '../onnx/graph-builder.js';
import { readModelSignature, type ModelSignature, type TensorSignature } from '../onnx/model-signature.js';

/**
 * The inputs and outputs a session declares, from onnxruntime's metadata (onnxruntime-node ≥ 1.20
 * exposes `inputMetadata`/`outputMetadata`); for a runtime without it, from the ONNX file itself.
 */
export async function sessionSignature(session: InferenceSession, onnxPath: string): Promise<ModelSignature> {
  const inputs = session.inputMetadata as readonly InferenceSession.ValueMetadata[] | undefined;
  const outputs = session.outputMetadata as readonly InferenceSession.ValueMetadata[] | undefined;
  if (!inputs || !outputs) return readModelSignature(await readFile(onnxPath));
  const sig = (m: InferenceSession.ValueMetadata): TensorSignature =>
    m.isTensor ? { name: m.name, type: m.type as TensorSignature['type'], dims: m.shape.map((d): Dim => d) } : { name: m.name, type: 'non-tensor', dims: [] };
  return { inputs: inputs.map(sig), outputs: outputs.map(sig), opset: undefined };
}
