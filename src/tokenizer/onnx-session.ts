import { InferenceSession } from 'onnxruntime-node';
import { ErrorCode, invalidArgument, TokenscopeError } from '../errors.js';
import { CUDA_INSTALL_HINT, deviceFor, type Device, type DeviceRequest } from './execution-device.js';

/** A session and the device it actually runs on. */
export interface PlacedSession {
  readonly session: InferenceSession;
  readonly device: Device;
  readonly deviceReason: string;
}

/**
 * Creates an onnxruntime session for `onnxPath` on the requested device. `auto` tries CUDA when
 * its provider is installed and falls back to CPU when CUDA fails to start (no GPU, no driver),
 * saying why in `deviceReason`; an explicit `cuda` that fails to start is an INVALID_ARGUMENT.
 * `threads` is the intra-op thread count (0: onnxruntime's default).
 */
export async function createSession(onnxPath: string, request: DeviceRequest, threads: number): Promise<PlacedSession> {
  const first = deviceFor(request);
  const options = (device: Device): InferenceSession.SessionOptions => ({
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    ...(threads > 0 ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
  });
  const onCpu = async (): Promise<InferenceSession> => {
    try {
      return await InferenceSession.create(onnxPath, options('cpu'));
    } catch (error) {
      throw new TokenscopeError(ErrorCode.INVALID_MODEL, `onnxruntime cannot load ${onnxPath}: ${(error as Error).message}`, { path: onnxPath }, { cause: error });
    }
  };
  if (first.device === 'cpu') return { session: await onCpu(), ...first };
  try {
    return { session: await InferenceSession.create(onnxPath, options('cuda')), ...first };
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    if (request === 'cuda') {
      throw invalidArgument(`device: the CUDA execution provider failed to start: ${why}. It needs an NVIDIA GPU with CUDA 12 and cuDNN 9; ${CUDA_INSTALL_HINT}`, { device: request });
    }
    return { session: await onCpu(), device: 'cpu', deviceReason: `auto: CUDA provider installed but failed to start (${why}); using CPU` };
  }
}
