import type { ModelSignature, TensorSignature } from '../../onnx/model-signature.js';

/** `name type [d0, d1, …]`, as messages show a model's tensor. */
export function tensorText(t: TensorSignature): string {
  return `${t.name} ${t.type} [${t.dims.join(', ')}]`;
}

/** `inputs: …; outputs: …`, as messages show what a model declares. */
export function signatureText(sig: ModelSignature): string {
  return `inputs: ${sig.inputs.map(tensorText).join(', ') || 'none'}; outputs: ${sig.outputs.map(tensorText).join(', ') || 'none'}`;
}
