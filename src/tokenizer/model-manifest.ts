import { readFile, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { CODEBOOK_SIZE, LAYER_COUNT, SAMPLE_RATE, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { ErrorCode, notFound, TokenscopeError } from '../errors.js';
import { parseDecoderSpec, type DecoderSpec } from './decoder-spec.js';
import type { LayoutIo, LayoutName } from './layout.js';
import { isLayoutName, LAYOUTS } from './layouts/registry.js';

/** The file name of a model's manifest inside `models/<id>/`. */
export const MANIFEST_FILE = 'manifest.json';

/** A model id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * `models/<id>/manifest.json`: what a registered encoder is, what it was checked to be, and where
 * its ONNX file lies. The contract fields are fixed by tokenscope's contract and stored so that a
 * manifest says what it promises.
 */
export interface ModelManifest {
  /** The model id, equal to its folder name. */
  readonly id: string;
  /** Encoder family, e.g. `qwen3-tts-tokenizer-12hz` or `tokenscope-reference`. */
  readonly family: string;
  /** Input sample rate in Hz: 24000. */
  readonly sampleRate: number;
  /** Samples per frame: 1920. */
  readonly hop: number;
  /** Residual layers per frame: 16. */
  readonly layers: number;
  /** Tokens per codebook: 2048. */
  readonly codebookSize: number;
  /** The input/output layout the model was checked to fit. */
  readonly layout: LayoutName;
  /** Input tensor names. */
  readonly inputs: { readonly waveform: string; readonly paddingMask?: string };
  /** Output tensor names. */
  readonly outputs: { readonly codes: string; readonly lengths?: string };
  /** The ONNX file: relative to the model folder, or absolute. */
  readonly onnx: string;
  /** sha256 of the ONNX file, lowercase hex. */
  readonly sha256: string;
  /**
   * False for a frame-local encoder (each frame's codes depend only on its own 1920 samples), for
   * which chunked encoding is exact. True for an encoder with context across frames: each chunk is
   * then fed `chunkOverlapFrames` extra frames of audio on either side, whose codes are discarded;
   * the codes equal an unchunked encode only if the model looks no further than that.
   */
  readonly contextual: boolean;
  /** Context frames fed on each side of a chunk (contextual models only; 0 otherwise). */
  readonly chunkOverlapFrames: number;
  /** Licence of the weights, e.g. `Apache-2.0`, or `unknown`. */
  readonly licence: string;
  /** Where the weights came from and how the ONNX file was made. */
  readonly provenance: string;
  /** The model's codebooks file (float32 [16, 2048, D] .npy), relative to the model folder; absent when the model has none. */
  readonly codebooks?: string;
  /** sha256 of the codebooks file, lowercase hex; present exactly when `codebooks` is. */
  readonly codebooksSha256?: string;
  /** The model's decoder (codes back to 24 kHz audio); absent when the model has none. */
  readonly decoder?: DecoderSpec;
}

/** The LayoutIo a manifest records. */
export function manifestIo(m: ModelManifest): LayoutIo {
  return { ...m.inputs, ...m.outputs };
}

/** The absolute path of a manifest's ONNX file. */
export function onnxPathOf(modelDir: string, m: ModelManifest): string {
  return isAbsolute(m.onnx) ? m.onnx : resolve(modelDir, m.onnx);
}

/** Reads and validates `<modelDir>/manifest.json`; its id must equal the folder name. */
export async function readManifest(modelDir: string): Promise<ModelManifest> {
  const path = join(modelDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`no model manifest at ${path}`, { path });
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TokenscopeError(ErrorCode.INVALID_MODEL, `${path}: not JSON (${(error as Error).message})`, { path });
  }
  const manifest = parseManifest(json, path);
  if (manifest.id !== basename(resolve(modelDir))) {
    throw new TokenscopeError(ErrorCode.INVALID_MODEL, `${path}: field 'id' must equal the folder name '${basename(resolve(modelDir))}', got '${manifest.id}'`, { path });
  }
  return manifest;
}

/** Writes `<modelDir>/manifest.json`, validated, with stable key order. */
export async function writeManifest(modelDir: string, manifest: ModelManifest): Promise<void> {
  const path = join(modelDir, MANIFEST_FILE);
  parseManifest(manifest, path);
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

const FIELDS = ['id', 'family', 'sampleRate', 'hop', 'layers', 'codebookSize', 'layout', 'inputs', 'outputs', 'onnx', 'sha256', 'contextual', 'chunkOverlapFrames', 'licence', 'provenance', 'codebooks', 'codebooksSha256', 'decoder'];

/** Validates a parsed manifest; every problem is an INVALID_MODEL naming the field, what was expected and what was found. */
export function parseManifest(json: unknown, where: string): ModelManifest {
  const fail = (message: string): never => {
    throw new TokenscopeError(ErrorCode.INVALID_MODEL, `${where}: ${message}`, { path: where });
  };
  const got = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail(`expected a JSON object, got ${got(json)}`);
  const o = json as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!FIELDS.includes(key)) fail(`unknown field '${key}' (fields: ${FIELDS.join(', ')})`);
  const text = (key: string, pattern?: RegExp, what = 'a non-empty string'): string => {
    const v = o[key];
    if (typeof v !== 'string' || v.trim() === '' || (pattern && !pattern.test(v))) fail(`field '${key}' must be ${what}, got ${got(v)}`);
    return v as string;
  };
  const fixed = (key: string, value: number, unit: string) => {
    if (o[key] !== value) fail(`field '${key}' must be ${value} (${unit}), got ${got(o[key])}`);
    return value;
  };
  const names = (key: string, required: readonly string[], optional: readonly string[]) => {
    const v = o[key];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(`field '${key}' must be an object of tensor names, got ${got(v)}`);
    const r = v as Record<string, unknown>;
    for (const k of Object.keys(r)) if (![...required, ...optional].includes(k)) fail(`field '${key}.${k}' is not a known ${key} role (${[...required, ...optional].join(', ')})`);
    for (const k of [...required, ...optional]) {
      if ((required.includes(k) || r[k] !== undefined) && (typeof r[k] !== 'string' || r[k] === '')) fail(`field '${key}.${k}' must be a tensor name, got ${got(r[k])}`);
    }
    return r as Record<string, string>;
  };

  const id = text('id', MODEL_ID_PATTERN, `an id matching ${MODEL_ID_PATTERN}`);
  const family = text('family');
  const sampleRate = fixed('sampleRate', SAMPLE_RATE, 'Hz');
  const hop = fixed('hop', SAMPLES_PER_FRAME, 'samples per frame');
  const layers = fixed('layers', LAYER_COUNT, 'layers per frame');
  const codebookSize = fixed('codebookSize', CODEBOOK_SIZE, 'tokens per codebook');
  const layout = o['layout'];
  if (!isLayoutName(layout)) return fail(`field 'layout' must be one of ${LAYOUTS.map((l) => l.name).join(', ')}, got ${got(layout)}`);
  const masked = layout === 'masked-values';
  const inputs = names('inputs', masked ? ['waveform', 'paddingMask'] : ['waveform'], []);
  const outputs = names('outputs', ['codes'], masked ? ['lengths'] : []);
  const onnx = text('onnx', undefined, 'the path of the ONNX file');
  const sha256 = text('sha256', /^[0-9a-f]{64}$/, '64 lowercase hex digits');
  const contextual = o['contextual'];
  if (typeof contextual !== 'boolean') return fail(`field 'contextual' must be true or false, got ${got(contextual)}`);
  const overlap = o['chunkOverlapFrames'];
  if (typeof overlap !== 'number' || !Number.isInteger(overlap) || overlap < 0) return fail(`field 'chunkOverlapFrames' must be an integer ≥ 0 (frames), got ${got(overlap)}`);
  if (!contextual && overlap !== 0) fail(`field 'chunkOverlapFrames' must be 0 for a frame-local model (contextual: false), got ${overlap}`);
  const licence = text('licence');
  const provenance = text('provenance');
  if ((o['codebooks'] === undefined) !== (o['codebooksSha256'] === undefined)) fail(`fields 'codebooks' and 'codebooksSha256' must be given together, got ${got(o['codebooks'])} and ${got(o['codebooksSha256'])}`);
  const codebooks = o['codebooks'] === undefined ? {} : {
    codebooks: text('codebooks', /^[^/\\]+\.npy$/, 'a .npy file name inside the model folder'),
    codebooksSha256: text('codebooksSha256', /^[0-9a-f]{64}$/, '64 lowercase hex digits'),
  };
  return {
    id, family, sampleRate, hop, layers, codebookSize, layout,
    inputs: { waveform: inputs['waveform']!, ...(inputs['paddingMask'] ? { paddingMask: inputs['paddingMask'] } : {}) },
    outputs: { codes: outputs['codes']!, ...(outputs['lengths'] ? { lengths: outputs['lengths'] } : {}) },
    onnx, sha256, contextual, chunkOverlapFrames: overlap, licence, provenance, ...codebooks,
    ...(o['decoder'] === undefined ? {} : { decoder: parseDecoderSpec(o['decoder'], fail) }),
  };
}
