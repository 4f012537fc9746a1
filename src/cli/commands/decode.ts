import { codeMatrix, type CodeMatrix } from '../../domain/code-matrix.js';
import { LAYER_COUNT } from '../../domain/contract.js';
import { DecodeAudioDocument, DecodeCodesDocument } from '../../client/generated/graphql.js';
import { WAV_ENCODINGS, type WavEncoding } from '../../audio/wav-writer.js';
import { layersText } from '../../decoders/check-request.js';
import type { CodesModel } from '../../decoders/decoder.js';
import { openDecoder } from '../../decoders/decoder-registry.js';
import { decodeToWav } from '../../decoders/decode-to-wav.js';
import { parseLayers } from '../../decoders/parse-layers.js';
import { ErrorCode, invalidArgument, TokenscopeError } from '../../errors.js';
import { isCodeItemFailure } from '../../ingest/codes/code-item.js';
import { readCodeFile } from '../../ingest/codes/read-code-file.js';
import type { Orientation } from '../../ingest/codes/orientation.js';
import { MODEL_ID_PATTERN } from '../../tokenizer/model-manifest.js';
import { loadModel, modelsDirOf } from '../../tokenizer/model-registry.js';
import type { DeviceRequest } from '../../tokenizer/execution-device.js';
import { execute } from '../execute.js';
import { withApp, type DbOptions } from '../open-app.js';

/** Frames of codes fetched per request: 2048 × 16 tokens keeps one request under a third of the cost limit. */
const PAGE_FRAMES = 2048;

/** Options of `tokenscope decode`. */
export interface DecodeCliOptions extends DbOptions {
  /** Decode the stored codes of this audio. */
  audio?: string;
  /** The model whose decoder to use: required for a code file; for an audio, its model (or, for ingested codes under an external id, the registered model they belong to). */
  model?: string;
  /** The WAV file to write. */
  out: string;
  /** Layers to keep, e.g. 1-8 (an ablation; only for decoders that take partial sums). */
  layers?: string;
  /** pcm16 (default) or float32. */
  encoding?: string;
  /** Which matrix of a code file holding several (1-based, in file order). */
  item?: number;
  /** Orientation of .npy/.json arrays the shape does not settle (16 × 16). */
  orientation?: Orientation;
  /** cpu (default), cuda or auto. */
  device?: DeviceRequest;
}

/**
 * `tokenscope decode --audio ID --out x.wav` or `tokenscope decode FILE --model M --out x.wav`:
 * decodes codes through the model's decoder into a 24 kHz mono WAV of exactly N·1920 samples.
 */
export async function decodeCommand(file: string | undefined, options: DecodeCliOptions): Promise<number> {
  if ((file === undefined) === (options.audio === undefined)) throw invalidArgument('decode: expected either a code file or --audio <id>, not both and not neither');
  const encoding = (options.encoding ?? 'pcm16') as WavEncoding;
  if (!WAV_ENCODINGS.includes(encoding)) throw invalidArgument(`--encoding: expected one of ${WAV_ENCODINGS.join(', ')}, got ${JSON.stringify(options.encoding)}`);
  const layers = options.layers === undefined ? undefined : parseLayers(options.layers);
  const { codes, model, what } = file !== undefined ? await codesOfFile(file, options) : await codesOfAudio(options.audio!, options);
  const decoder = await openDecoder(await loadModel(modelsDirOf(options.modelsDir), model.id), options.device ? { device: options.device } : {});
  try {
    const samples = await decodeToWav(decoder, { codes, model }, options.out, { encoding, ...(layers ? { layers } : {}) });
    const kept = layers && layers.length < LAYER_COUNT ? `, layers ${layersText(layers)}` : '';
    console.log(`decoded ${what}: ${codes.frames} frames → ${samples} samples (${(samples / 24000).toFixed(2)} s at 24 kHz, ${encoding}${kept}) with the ${decoder.info.summary} decoder of model ${model.id}`);
    console.log(`wrote ${options.out}`);
    return 0;
  } finally {
    await decoder.close();
  }
}

async function codesOfFile(file: string, options: DecodeCliOptions): Promise<{ codes: CodeMatrix; model: CodesModel; what: string }> {
  if (options.model === undefined) throw invalidArgument('--model: a code file records no model; pass --model <id> of the registered model whose codes it holds');
  const item = options.item ?? 1;
  if (!Number.isInteger(item) || item < 1) throw invalidArgument(`--item: expected a matrix number ≥ 1 (in file order), got ${item}`);
  let seen = 0;
  for await (const result of readCodeFile(file, options.orientation ? { orientation: options.orientation } : {})) {
    seen++;
    if (seen !== item) continue;
    if (isCodeItemFailure(result)) throw result.error;
    return { codes: result.matrix, model: { id: options.model, sha256: null }, what: `${file}${seen > 1 || options.item ? ` (matrix ${seen})` : ''}` };
  }
  throw new TokenscopeError(ErrorCode.INVALID_CODES, `--item: ${file} holds ${seen} matri${seen === 1 ? 'x' : 'ces'}, got ${item}`, { matrices: seen, item });
}

async function codesOfAudio(id: string, options: DecodeCliOptions): Promise<{ codes: CodeMatrix; model: CodesModel; what: string }> {
  return withApp(options, async (session) => {
    const audio = (await execute(session, DecodeAudioDocument, { id })).data.audio;
    const external = !MODEL_ID_PATTERN.test(audio.model);
    if (external && options.model === undefined) {
      throw invalidArgument(`--model: audio ${audio.id} holds codes ingested as ${audio.model}, which names no registered model; pass --model <id> of the registered model they belong to`);
    }
    // Ingested codes under an external id are taken as the named model's; an encoded audio's model is what it records.
    const model: CodesModel = external ? { id: options.model!, sha256: null } : { id: audio.model, sha256: audio.modelSha256 ?? null };
    if (!external && options.model !== undefined && options.model !== audio.model) {
      throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `--model: audio ${audio.id} was encoded by model '${audio.model}', got --model ${options.model}`, { expected: audio.model, received: options.model });
    }
    const tokens = new Uint16Array(audio.frameCount * LAYER_COUNT);
    for (let start = 0; start < audio.frameCount; start += PAGE_FRAMES) {
      const frameCount = Math.min(PAGE_FRAMES, audio.frameCount - start);
      const window = (await execute(session, DecodeCodesDocument, { id, startFrame: start, frameCount })).data.audio.codes;
      window.frameMajor.forEach((row, f) => tokens.set(row, (start + f) * LAYER_COUNT));
    }
    return { codes: codeMatrix(tokens), model, what: `audio ${audio.id}` };
  });
}
