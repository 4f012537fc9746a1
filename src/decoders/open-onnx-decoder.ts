import { isAbsolute, resolve } from 'node:path';
import { ErrorCode, TokenscopeError } from '../errors.js';
import type { DeviceRequest } from '../tokenizer/execution-device.js';
import type { OnnxDecoderSpec } from '../tokenizer/decoder-spec.js';
import { createSession } from '../tokenizer/onnx-session.js';
import type { LoadedModel } from '../tokenizer/open-tokenizer.js';
import { sessionSignature } from '../tokenizer/session-signature.js';
import { sha256File } from '../tokenizer/sha256-file.js';
import type { DecoderBackend } from './decoder.js';
import { detectDecoderLayout } from './layouts/registry.js';
import { ID_DECODER_ABLATION, OnnxDecoderBackend } from './onnx-decoder.js';

/** Options of opening an ONNX decoder. */
export interface OnnxDecoderOptions {
  /** `cpu`, `cuda` or `auto` (default `cpu`: decoding is for listening, and CPU keeps the GPU for encoders). */
  readonly device?: DeviceRequest;
  /** Intra-op threads (0: onnxruntime's default). */
  readonly threads?: number;
  /** Recompute the decoder file's sha256 and compare it with the manifest (default true). */
  readonly checkSha256?: boolean;
}

/** The absolute path of a decoder's ONNX file. */
export function decoderPathOf(modelDir: string, spec: OnnxDecoderSpec): string {
  return isAbsolute(spec.onnx) ? spec.onnx : resolve(modelDir, spec.onnx);
}

/**
 * Opens the ONNX decoder a manifest names: checks the file's sha256, creates the session, checks
 * its inputs and outputs against the manifest's layout and tensor names. NOT_FOUND for a missing
 * file, INVALID_MODEL for a decoder that is not what the manifest says.
 */
export async function openOnnxDecoder(model: LoadedModel, spec: OnnxDecoderSpec, options: OnnxDecoderOptions = {}): Promise<DecoderBackend> {
  const { manifest, dir } = model;
  const path = decoderPathOf(dir, spec);
  let sha256: string;
  try {
    sha256 = options.checkSha256 === false ? spec.sha256 : await sha256File(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TokenscopeError(ErrorCode.NOT_FOUND, `model ${manifest.id}: decoder file ${path} does not exist`, { path });
    throw error;
  }
  if (sha256 !== spec.sha256) {
    throw new TokenscopeError(ErrorCode.INVALID_MODEL, `model ${manifest.id}: decoder ${path} has sha256 ${sha256}, but the manifest records ${spec.sha256}; the file changed since it was added`, { expected: spec.sha256, found: sha256 });
  }
  const placed = await createSession(path, options.device ?? 'cpu', options.threads ?? 0);
  try {
    const bound = detectDecoderLayout(await sessionSignature(placed.session, path), `model ${manifest.id}: decoder ${path}`, spec.layout);
    const names = (io: object) => JSON.stringify(Object.entries(io).sort(([a], [b]) => a.localeCompare(b)));
    if (names(bound.io) !== names(spec.io)) {
      throw new TokenscopeError(ErrorCode.INVALID_MODEL, `model ${manifest.id}: the manifest names decoder tensors ${names(spec.io)}, the decoder has ${names(bound.io)}`);
    }
    return new OnnxDecoderBackend(
      {
        modelId: manifest.id,
        modelSha256: manifest.sha256,
        kind: 'onnx',
        summary: `onnx ${spec.layout}`,
        ablation: { kind: 'none', reason: ID_DECODER_ABLATION },
      },
      placed.session,
      bound,
      { chunkFrames: spec.chunkFrames, contextFrames: spec.contextFrames },
    );
  } catch (error) {
    await placed.session.release();
    throw error;
  }
}
