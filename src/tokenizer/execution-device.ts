import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listSupportedBackends } from 'onnxruntime-node';
import { invalidArgument } from '../errors.js';

/** What `--device` accepts: a device, or `auto` (CUDA when its provider is installed, else CPU). */
export type DeviceRequest = 'cpu' | 'cuda' | 'auto';
/** The device a session actually runs on. */
export type Device = 'cpu' | 'cuda';

/** Every accepted `--device` value. */
export const DEVICE_REQUESTS: readonly DeviceRequest[] = ['cpu', 'cuda', 'auto'];

/** How to get the CUDA provider, for messages. */
export const CUDA_INSTALL_HINT =
  'install it on a machine with CUDA 12 and access to the NuGet feed: `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node --ignore-scripts=false` ' +
  '(the flag overrides the project\'s .npmrc, which skips install scripts)';

/** Whether onnxruntime-node's CUDA execution provider is installed, and what that was judged from. */
export interface CudaAvailability {
  readonly installed: boolean;
  readonly detail: string;
}

/**
 * Checks for the CUDA execution provider without loading it: onnxruntime-node lists `cuda` as a
 * supported but unbundled backend on linux/x64, and its install script downloads the provider
 * libraries next to the binding only when asked to (ONNXRUNTIME_NODE_INSTALL=cuda12). Loading a
 * missing provider fails only at session creation and prints native errors, so look for the file.
 */
export function cudaAvailability(): CudaAvailability {
  const backend = listSupportedBackends().find((b) => b.name === 'cuda');
  if (!backend) return { installed: false, detail: `this onnxruntime-node build (${process.platform}/${process.arch}) has no CUDA backend` };
  if (backend.bundled) return { installed: true, detail: 'the CUDA backend is bundled' };
  const binDir = bindingDir();
  const lib = join(binDir, 'libonnxruntime_providers_cuda.so');
  return existsSync(lib)
    ? { installed: true, detail: `found ${lib}` }
    : { installed: false, detail: `the CUDA provider library is not installed (no ${lib})` };
}

/** The folder holding onnxruntime-node's native binding for this platform. */
function bindingDir(): string {
  const index = createRequire(import.meta.url).resolve('onnxruntime-node');
  // dist/binding.js loads ../bin/napi-v6/<platform>/<arch>/onnxruntime_binding.node; the install
  // script puts the CUDA provider libraries in the same folder.
  return join(dirname(index), '..', 'bin', 'napi-v6', process.platform, process.arch);
}

/** The device to try first for a request; throws INVALID_ARGUMENT for `cuda` without its provider. */
export function deviceFor(request: DeviceRequest): { device: Device; deviceReason: string } {
  switch (request) {
    case 'cpu':
      return { device: 'cpu', deviceReason: 'cpu requested' };
    case 'cuda': {
      const cuda = cudaAvailability();
      if (!cuda.installed) {
        throw invalidArgument(`device: cuda requested but the onnxruntime-node CUDA execution provider is not installed: ${cuda.detail}; ${CUDA_INSTALL_HINT}`, { device: request });
      }
      return { device: 'cuda', deviceReason: 'cuda requested' };
    }
    case 'auto': {
      const cuda = cudaAvailability();
      return cuda.installed ? { device: 'cuda', deviceReason: `auto: CUDA provider installed (${cuda.detail})` } : { device: 'cpu', deviceReason: `auto: using CPU because ${cuda.detail}` };
    }
    default:
      throw invalidArgument(`device: expected one of ${DEVICE_REQUESTS.join(', ')}, got ${JSON.stringify(request)}`);
  }
}
