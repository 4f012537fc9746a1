import type { DeviceRequest } from '../../tokenizer/execution-device.js';
import { addModel } from '../../tokenizer/add-model.js';
import { addModelDecoder } from '../../decoders/add-model-decoder.js';
import { decoderPathOf } from '../../decoders/open-onnx-decoder.js';
import { inspectDecoderSpec, type DecoderSpecOptions } from '../../decoders/inspect-decoder.js';
import { isDecoderLayoutName, DECODER_LAYOUT_NAMES, type DecoderSpec } from '../../tokenizer/decoder-spec.js';
import { invalidArgument } from '../../errors.js';
import { addModelCodebooks } from '../../tokenizer/model-codebooks.js';
import { onnxPathOf } from '../../tokenizer/model-manifest.js';
import { listModels, modelsDirOf } from '../../tokenizer/model-registry.js';
import { verifyModel } from '../../tokenizer/verify-model.js';
import { formatTable } from '../format-table.js';
import { tokenNeighboursOf } from '../../query/token-neighbours.js';

/** Where the models live: `--models-dir`, else $TOKENSCOPE_MODELS_DIR, else ./models. */
export interface ModelsDirOption {
  modelsDir?: string;
}

/** `tokenscope models list`: a table of registered models (manifests only; no hashing). */
export async function modelsListCommand(options: ModelsDirOption = {}): Promise<number> {
  const dir = modelsDirOf(options.modelsDir);
  const entries = await listModels(dir);
  if (entries.length === 0) {
    console.log(`no models in ${dir}; register one with \`tokenscope models add <onnx> --id <id>\``);
    return 0;
  }
  console.log(
    formatTable(
      ['id', 'family', 'layout', 'sha256', 'contextual', 'onnx'],
      entries.map((e) =>
        'manifest' in e
          ? [e.id, e.manifest.family, e.manifest.layout, e.manifest.sha256.slice(0, 12), e.manifest.contextual ? `yes (overlap ${e.manifest.chunkOverlapFrames})` : 'no', onnxPathOf(e.dir, e.manifest)]
          : [e.id, '-', '-', '-', '-', `invalid manifest: ${e.error}`],
      ),
    ),
  );
  return entries.some((e) => 'error' in e) ? 1 : 0;
}

/** Options of `tokenscope models add <onnx>`. */
export interface ModelsAddCliOptions extends ModelsDirOption {
  /** Model id (default: the file name without extension). */
  id?: string;
  /** Encoder family, e.g. qwen3-tts-tokenizer-12hz. */
  family?: string;
  /** Copy the ONNX file into models/<id>/ rather than recording its absolute path. */
  copy?: boolean;
  licence?: string;
  provenance?: string;
  /** The model has context across frames. */
  contextual?: boolean;
  /** Context frames fed on each side of a chunk (with --contextual). */
  chunkOverlapFrames?: number;
  /** The model's ONNX decoder, checked before anything is written. */
  decoder?: string;
  /** Pin the decoder's layout instead of detecting it. */
  decoderLayout?: string;
  /** Frames the decoder decodes per run (default 300). */
  decoderChunkFrames?: number;
  /** Frames of left context per decoder run (default 25). */
  decoderContextFrames?: number;
}

/** The decoder options of `models add` and `models add-decoder`, checked. */
function decoderOptions(o: { decoderLayout?: string; decoderChunkFrames?: number; decoderContextFrames?: number; provenance?: string }): DecoderSpecOptions {
  if (o.decoderLayout !== undefined && !isDecoderLayoutName(o.decoderLayout)) {
    throw invalidArgument(`--decoder-layout: expected one of ${DECODER_LAYOUT_NAMES.join(', ')}, got ${JSON.stringify(o.decoderLayout)}`);
  }
  return {
    ...(o.decoderLayout !== undefined ? { layout: o.decoderLayout } : {}),
    ...(o.decoderChunkFrames !== undefined ? { chunkFrames: o.decoderChunkFrames } : {}),
    ...(o.decoderContextFrames !== undefined ? { contextFrames: o.decoderContextFrames } : {}),
    ...(o.provenance !== undefined ? { provenance: o.provenance } : {}),
  };
}

function decoderLine(dir: string, d: DecoderSpec): string {
  return d.kind === 'onnx' ? `decoder: ${d.layout}, ${decoderPathOf(dir, d)} (sha256 ${d.sha256}), chunks of ${d.chunkFrames} frames with ${d.contextFrames} frames of left context` : `decoder: ${d.kind}`;
}

/** `tokenscope models add <onnx>`: checks the layout (and the decoder's, with --decoder), encodes 1 s of silence, writes models/<id>/manifest.json. */
export async function modelsAddCommand(onnxFile: string, options: ModelsAddCliOptions = {}): Promise<number> {
  const { modelsDir, decoder: decoderFile, decoderLayout, decoderChunkFrames, decoderContextFrames, ...rest } = options;
  if (decoderFile === undefined && (decoderLayout ?? decoderChunkFrames ?? decoderContextFrames) !== undefined) throw invalidArgument('--decoder-layout, --decoder-chunk-frames and --decoder-context-frames go with --decoder <onnx>');
  const decoder = decoderFile === undefined ? undefined : await inspectDecoderSpec(decoderFile, decoderOptions({ decoderLayout, decoderChunkFrames, decoderContextFrames }));
  const { dir, manifest } = await addModel(onnxFile, { ...rest, ...(decoder ? { decoder } : {}), modelsDir: modelsDirOf(modelsDir) });
  console.log(`added model ${manifest.id} (${manifest.layout}, sha256 ${manifest.sha256}) in ${dir}`);
  console.log(`onnx: ${onnxPathOf(dir, manifest)}`);
  if (manifest.decoder) console.log(decoderLine(dir, manifest.decoder));
  return 0;
}

/** Options of `tokenscope models add-decoder <id> <onnx>`. */
export interface ModelsAddDecoderCliOptions extends ModelsDirOption {
  copy?: boolean;
  provenance?: string;
  layout?: string;
  chunkFrames?: number;
  contextFrames?: number;
}

/** `tokenscope models add-decoder <id> <onnx>`: checks the decoder's layout with a probe decode and names it in the manifest. */
export async function modelsAddDecoderCommand(id: string, onnxFile: string, options: ModelsAddDecoderCliOptions = {}): Promise<number> {
  const spec = decoderOptions({ decoderLayout: options.layout, decoderChunkFrames: options.chunkFrames, decoderContextFrames: options.contextFrames, provenance: options.provenance });
  const { model, decoder } = await addModelDecoder(modelsDirOf(options.modelsDir), id, onnxFile, { ...spec, ...(options.copy ? { copy: true } : {}) });
  console.log(`model ${model.manifest.id}: ${decoderLine(model.dir, decoder)}`);
  return 0;
}

/** Options of `tokenscope models verify <id>`. */
export interface ModelsVerifyCliOptions extends ModelsDirOption {
  /** cpu, cuda or auto (default auto). */
  device?: DeviceRequest;
  /** Intra-op threads (0: onnxruntime's default). */
  threads?: number;
}

/** `tokenscope models verify <id>`: rechecks sha256 and layout and runs a 1-second silent encode. */
export async function modelsVerifyCommand(id: string, options: ModelsVerifyCliOptions = {}): Promise<number> {
  const { modelsDir, ...rest } = options;
  const v = await verifyModel(modelsDirOf(modelsDir), id, rest);
  console.log(`model ${v.model.id}: ok`);
  console.log(`sha256: ${v.model.sha256} (matches the manifest)`);
  console.log(`layout: ${v.model.layout}`);
  console.log(`device: ${v.model.device} (${v.model.deviceReason})`);
  console.log(`1 s of silence: ${v.frames} frames × 16 layers in ${v.encodeMs.toFixed(1)} ms`);
  return 0;
}

/** `tokenscope models add-codebooks <id> <file>`: validates codebooks (.npy or the official .safetensors) and registers them for model `id`. */
export async function modelsAddCodebooksCommand(id: string, file: string, options: ModelsDirOption = {}): Promise<number> {
  const { model, codebooks } = await addModelCodebooks(modelsDirOf(options.modelsDir), id, file);
  console.log(`model ${model.manifest.id}: codebooks ${codebooks.layers} × ${codebooks.entries} × ${codebooks.dim} float32 (sha256 ${codebooks.sha256}) in ${model.dir}/${model.manifest.codebooks}`);
  return 0;
}

/** Options of `tokenscope models neighbours <id>`. */
export interface ModelsNeighboursCliOptions extends ModelsDirOption {
  /** Layer number 1..16. */
  layer: number;
  /** Token id 0..2047. */
  token: number;
  /** Neighbours wanted, 1..100 (default 10). */
  k?: number;
}

/** `tokenscope models neighbours <id> --layer L --token T [--k 10]`: the nearest entries of that layer's codebook, as the tokenNeighbours query answers. */
export async function modelsNeighboursCommand(id: string, options: ModelsNeighboursCliOptions): Promise<number> {
  const rows = await tokenNeighboursOf(modelsDirOf(options.modelsDir), id, options.layer, options.token, options.k ?? 10);
  console.log(`model ${id}, layer ${options.layer}, token ${options.token}: ${rows.length} nearest codebook entries`);
  console.log(formatTable(['token', 'distance', 'cosine'], rows.map((r) => [r.token, r.distance.toFixed(6), r.cosineSimilarity === null ? '-' : r.cosineSimilarity.toFixed(6)])));
  return 0;
}
