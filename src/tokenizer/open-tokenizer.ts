import { ErrorCode, invalidArgument, TokenscopeError } from '../errors.js';
import { DEVICE_REQUESTS } from './execution-device.js';
import { detectLayout } from './layouts/registry.js';
import { manifestIo, onnxPathOf, readManifest, type ModelManifest } from './model-manifest.js';
import { createSession } from './onnx-session.js';
import { sessionSignature } from './session-signature.js';
import { sha256File } from './sha256-file.js';
import { OnnxTokenizer } from './tokenizer-impl.js';
import { DEFAULT_CHUNK_FRAMES, type Tokenizer, type TokenizerOptions } from './tokenizer.js';

/** A manifest together with the folder it was read from (relative ONNX paths resolve against it). */
export interface LoadedModel {
  readonly dir: string;
  readonly manifest: ModelManifest;
}

/**
 * Opens a tokenizer for a registered model: `models/<id>/` (a folder holding manifest.json) or an
 * already loaded manifest. Checks the ONNX file's sha256 against the manifest, creates the session
 * on the requested device, checks the session's inputs and outputs against the manifest's layout,
 * and warms up. Throws INVALID_ARGUMENT for bad options, NOT_FOUND for a missing manifest or ONNX
 * file, INVALID_MODEL for a model that is not what its manifest says.
 */
export async function openTokenizer(source: string | LoadedModel, options: TokenizerOptions = {}): Promise<Tokenizer> {
  const { device = 'auto', threads = 0, chunkFrames = DEFAULT_CHUNK_FRAMES, warmUp = true, checkSha256 = true } = options;
  if (!DEVICE_REQUESTS.includes(device)) throw invalidArgument(`device: expected one of ${DEVICE_REQUESTS.join(', ')}, got ${JSON.stringify(device)}`);
  if (!Number.isInteger(threads) || threads < 0) throw invalidArgument(`threads: expected an integer ≥ 0 (0: onnxruntime's default), got ${threads}`);
  if (!Number.isInteger(chunkFrames) || chunkFrames < 1) throw invalidArgument(`chunkFrames: expected an integer ≥ 1 (frames per run), got ${chunkFrames}`);

  const { dir, manifest } = typeof source === 'string' ? { dir: source, manifest: await readManifest(source) } : source;
  const onnxPath = onnxPathOf(dir, manifest);
  let sha256: string;
  try {
    sha256 = checkSha256 ? await sha256File(onnxPath) : manifest.sha256;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TokenscopeError(ErrorCode.NOT_FOUND, `model ${manifest.id}: ONNX file ${onnxPath} does not exist`, { path: onnxPath });
    throw error;
  }
  if (sha256 !== manifest.sha256) {
    throw new TokenscopeError(ErrorCode.INVALID_MODEL, `model ${manifest.id}: ${onnxPath} has sha256 ${sha256}, but the manifest records ${manifest.sha256}; the file changed since it was added`, { expected: manifest.sha256, found: sha256 });
  }

  const placed = await createSession(onnxPath, device, threads);
  try {
    const bound = detectLayout(await sessionSignature(placed.session, onnxPath), `model ${manifest.id} (${onnxPath})`, manifest.layout);
    const expected = manifestIo(manifest);
    if (JSON.stringify(sorted(bound.io)) !== JSON.stringify(sorted(expected))) {
      throw new TokenscopeError(ErrorCode.INVALID_MODEL, `model ${manifest.id}: the manifest names tensors ${JSON.stringify(sorted(expected))}, the model has ${JSON.stringify(sorted(bound.io))}`);
    }
    const tokenizer = new OnnxTokenizer(
      {
        id: manifest.id,
        family: manifest.family,
        sha256,
        layout: manifest.layout,
        device: placed.device,
        deviceReason: placed.deviceReason,
        contextual: manifest.contextual,
        chunkOverlapFrames: manifest.chunkOverlapFrames,
      },
      placed.session,
      bound,
      { chunkFrames, overlapFrames: manifest.contextual ? manifest.chunkOverlapFrames : 0 },
    );
    if (warmUp) await tokenizer.encode(new Float32Array(1));
    return tokenizer;
  } catch (error) {
    await placed.session.release();
    throw error;
  }
}

function sorted(o: object): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}
