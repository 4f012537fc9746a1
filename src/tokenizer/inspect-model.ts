import { SAMPLE_RATE } from '../domain/contract.js';
import type { ModelSignature } from '../onnx/model-signature.js';
import type { DeviceRequest } from './execution-device.js';
import type { LayoutIo, LayoutName } from './layout.js';
import { detectLayout } from './layouts/registry.js';
import { createSession } from './onnx-session.js';
import { sessionSignature } from './session-signature.js';
import { OnnxTokenizer } from './tokenizer-impl.js';

/** What inspecting an ONNX file found. */
export interface ModelInspection {
  readonly layout: LayoutName;
  readonly io: LayoutIo;
  readonly signature: ModelSignature;
}

/**
 * Checks that an ONNX file is an encoder tokenscope can run: its declared inputs and outputs fit a
 * supported layout (`only` pins one), and 1 s of silence encodes to 16 int64 tokens in 0..2047 per
 * frame (which catches what declared shapes leave open, such as a symbolic layer axis). Throws
 * INVALID_MODEL saying what it found.
 */
export async function inspectModel(onnxPath: string, options: { readonly only?: LayoutName; readonly device?: DeviceRequest } = {}): Promise<ModelInspection> {
  const placed = await createSession(onnxPath, options.device ?? 'cpu', 0);
  try {
    const signature = await sessionSignature(placed.session, onnxPath);
    const bound = detectLayout(signature, onnxPath, options.only);
    const probe = new OnnxTokenizer(
      { id: onnxPath, family: 'probe', sha256: '', layout: bound.layout.name, device: placed.device, deviceReason: placed.deviceReason, contextual: false, chunkOverlapFrames: 0 },
      placed.session,
      bound,
      { chunkFrames: 13, overlapFrames: 0 },
    );
    await probe.encode(new Float32Array(SAMPLE_RATE));
    return { layout: bound.layout.name, io: bound.io, signature };
  } finally {
    await placed.session.release(); // the probe is a view over this session, not its owner
  }
}
