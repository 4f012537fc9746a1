import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { CODEBOOK_SIZE, LAYER_COUNT, SAMPLE_RATE, SAMPLES_PER_FRAME } from '../domain/contract.js';
import { ErrorCode, invalidArgument, notFound, TokenscopeError } from '../errors.js';
import type { DecoderSpec } from './decoder-spec.js';
import { inspectModel } from './inspect-model.js';
import { MANIFEST_FILE, MODEL_ID_PATTERN, writeManifest, type ModelManifest } from './model-manifest.js';
import type { LoadedModel } from './open-tokenizer.js';
import { sha256File } from './sha256-file.js';

/** Options of `addModel`. */
export interface AddModelOptions {
  /** The models folder (see `modelsDirOf`). */
  readonly modelsDir: string;
  /** Model id (default: the ONNX file name without extension, lowercased). */
  readonly id?: string;
  /** Encoder family (default `unknown`). */
  readonly family?: string;
  /** Copy the ONNX file into `models/<id>/model.onnx` instead of recording its absolute path. */
  readonly copy?: boolean;
  /** Licence of the weights (default `unknown`). */
  readonly licence?: string;
  /** Where the weights come from (default: the file's path). */
  readonly provenance?: string;
  /** The model has context across frames (see ModelManifest.contextual). */
  readonly contextual?: boolean;
  /** Context frames fed on each side of a chunk (contextual models; default 0). */
  readonly chunkOverlapFrames?: number;
  /** The model's decoder, already checked (src/decoders/inspect-decoder.ts); with `copy`, an ONNX decoder is copied into `models/<id>/decoder.onnx`. */
  readonly decoder?: DecoderSpec;
}

/**
 * Registers an ONNX encoder as `models/<id>/manifest.json` after checking that it fits a supported
 * layout and encodes 1 s of silence; records the file's sha256. Refuses an existing id
 * (ALREADY_EXISTS) and a model that does not fit (INVALID_MODEL, naming what it found).
 */
export async function addModel(onnxFile: string, options: AddModelOptions): Promise<LoadedModel> {
  const source = resolve(onnxFile);
  if (!(await stat(source).catch(() => undefined))?.isFile()) throw notFound(`no ONNX file at ${source}`, { path: source });
  const id = options.id ?? basename(source, extname(source)).toLowerCase();
  if (!MODEL_ID_PATTERN.test(id)) throw invalidArgument(`id: expected ${MODEL_ID_PATTERN} (pass --id), got ${JSON.stringify(id)}`);
  const dir = join(options.modelsDir, id);
  if (existsSync(join(dir, MANIFEST_FILE))) throw new TokenscopeError(ErrorCode.ALREADY_EXISTS, `model '${id}' already exists in ${options.modelsDir}`, { id });

  for (const key of ['family', 'licence', 'provenance'] as const) {
    if (options[key] !== undefined && options[key].trim() === '') throw invalidArgument(`${key}: expected a non-empty string, got ""`);
  }
  const contextual = options.contextual ?? false;
  const overlap = options.chunkOverlapFrames ?? 0;
  if (!Number.isInteger(overlap) || overlap < 0 || (!contextual && overlap !== 0)) {
    throw invalidArgument(`chunkOverlapFrames: expected an integer ≥ 0 (frames), and 0 unless the model is contextual, got ${overlap}`);
  }
  const inspection = await inspectModel(source);
  const manifest: ModelManifest = {
    id,
    family: options.family ?? 'unknown',
    sampleRate: SAMPLE_RATE,
    hop: SAMPLES_PER_FRAME,
    layers: LAYER_COUNT,
    codebookSize: CODEBOOK_SIZE,
    layout: inspection.layout,
    inputs: { waveform: inspection.io.waveform, ...(inspection.io.paddingMask ? { paddingMask: inspection.io.paddingMask } : {}) },
    outputs: { codes: inspection.io.codes, ...(inspection.io.lengths ? { lengths: inspection.io.lengths } : {}) },
    onnx: options.copy ? 'model.onnx' : source,
    sha256: await sha256File(source),
    contextual,
    chunkOverlapFrames: overlap,
    licence: options.licence ?? 'unknown',
    provenance: options.provenance ?? `added from ${source}`,
    ...(options.decoder ? { decoder: options.copy && options.decoder.kind === 'onnx' ? { ...options.decoder, onnx: 'decoder.onnx' } : options.decoder } : {}),
  };
  const created = await mkdir(dir, { recursive: true });
  try {
    if (options.copy) await copyFile(source, join(dir, 'model.onnx'));
    if (options.copy && options.decoder?.kind === 'onnx') await copyFile(resolve(options.decoder.onnx), join(dir, 'decoder.onnx'));
    await writeManifest(dir, manifest);
  } catch (error) {
    if (created !== undefined) await rm(created, { recursive: true, force: true });
    throw error;
  }
  return { dir, manifest };
}
