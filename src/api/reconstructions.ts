import { createHash } from 'node:crypto';
import { layersText } from '../decoders/check-request.js';
import type { CodesModel, Decoder } from '../decoders/decoder.js';
import { openDecoder } from '../decoders/decoder-registry.js';
import { ErrorCode, notFound, TokenscopeError } from '../errors.js';
import type { AudioRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { SourceIdentity } from '../ingest/source-identity.js';
import { MODEL_ID_PATTERN } from '../tokenizer/model-manifest.js';
import { loadModel } from '../tokenizer/model-registry.js';
import type { LoadedModel } from '../tokenizer/open-tokenizer.js';
import { Lane } from './lanes.js';
import { LIMITS } from './limits.js';

/** An audio's decoder, opened and shared by every request for that model's codes. */
export interface AudioDecoder {
  readonly decoder: Decoder;
  /** The model the audio's codes are decoded as (what the decoder contract checks). */
  readonly model: CodesModel;
  /** sha256 of what decides the decoder's bytes besides the codes: its ONNX file, or for the reference decoder the model's codebooks. */
  readonly sha256: string;
  /** What decides the bytes the decoder gives (manifest decoder spec, encoder and codebooks sha256): part of every reconstruction's ETag. */
  readonly identity: string;
}

interface Opened {
  readonly key: string;
  readonly opening: Promise<AudioDecoder>;
}

/**
 * The decoders the server reconstructs audio with (the media route `/media/reconstruction/<id>`
 * and `Audio.reconstruction`): one per model, opened on first use and kept (a reopened manifest
 * whose decoder changed replaces it), and one lane that bounds how many decode steps run at once
 * across all requests (LIMITS.maxConcurrentDecodes, at most LIMITS.maxQueuedDecodes waiting), so
 * reconstructions cannot take every core from the rest of the server.
 */
export class Reconstructions {
  /** Decode steps (one block of a stream, one window of figures) run through this lane. */
  readonly lane = new Lane('decode', LIMITS.maxConcurrentDecodes, LIMITS.maxQueuedDecodes);
  /** Whether an original file still holds the bytes ingested, for figures against it. */
  readonly sources: SourceIdentity;
  private readonly opened = new Map<string, Opened>();
  private closed = false;

  /** `modelsDir`: the models folder in force, read at each open. */
  constructor(store: Store, private readonly modelsDir: () => string) {
    this.sources = new SourceIdentity(store);
  }

  /**
   * The decoder of `audio`'s model. NOT_FOUND, naming the audio and why, when its codes were
   * ingested under an id that names no registered model, when the model is not registered here,
   * or when its manifest names no decoder; UNSUPPORTED_OPERATION for a decoder kind this build
   * lacks; MODEL_MISMATCH when the audio was encoded by other weights than the registered model's.
   */
  async decoderOf(audio: AudioRow): Promise<AudioDecoder> {
    if (this.closed) throw new TokenscopeError(ErrorCode.UNSUPPORTED_OPERATION, 'the server is stopping: no reconstructions');
    if (!MODEL_ID_PATTERN.test(audio.model)) throw notFound(`audio ${audio.id} holds codes ingested as ${audio.model}, which names no registered model, so there is no decoder for them`, { audioId: audio.id, model: audio.model });
    let model: LoadedModel;
    try {
      model = await loadModel(this.modelsDir(), audio.model);
    } catch (err) {
      if (err instanceof TokenscopeError && err.code === ErrorCode.NOT_FOUND) throw notFound(`audio ${audio.id}: its model '${audio.model}' is not registered on this server, so there is no decoder for it`, { audioId: audio.id, model: audio.model });
      throw err;
    }
    const { manifest } = model;
    if (manifest.decoder === undefined) throw notFound(`audio ${audio.id}: its model '${audio.model}' names no decoder, so it cannot be reconstructed (tokenscope models add-decoder)`, { audioId: audio.id, model: audio.model });
    if (audio.modelSha256 !== null && audio.modelSha256 !== manifest.sha256) {
      throw new TokenscopeError(ErrorCode.MODEL_MISMATCH, `audio ${audio.id} was encoded by ONNX sha256 ${audio.modelSha256}; the registered model '${audio.model}' is ${manifest.sha256}, whose decoder does not decode it`, { audioId: audio.id, model: audio.model });
    }
    const key = JSON.stringify([model.dir, manifest.sha256, manifest.codebooksSha256 ?? null, manifest.decoder]);
    const known = this.opened.get(audio.model);
    if (known?.key === key) return known.opening;
    if (known) void known.opening.then((d) => d.decoder.close(), () => undefined);
    const spec = manifest.decoder;
    const opening = openDecoder(model).then((decoder) => ({
      decoder,
      model: { id: audio.model, sha256: manifest.sha256 },
      sha256: spec.kind === 'onnx' ? spec.sha256 : (manifest.codebooksSha256 ?? manifest.sha256),
      identity: key,
    }));
    this.opened.set(audio.model, { key, opening });
    opening.catch(() => {
      if (this.opened.get(audio.model)?.opening === opening) this.opened.delete(audio.model);
    });
    return opening;
  }

  /** Closes every decoder opened (each waits for its running decodes); later requests are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.opened.values()];
    this.opened.clear();
    await Promise.allSettled(all.map((o) => o.opening.then((d) => d.decoder.close())));
  }
}

/**
 * A strong validator of one reconstruction's bytes: the audio and its codes' identity, the
 * decoder's identity and the layers kept. The decode is deterministic, so the same inputs give the
 * same bytes.
 */
export function reconstructionEtag(audio: AudioRow, decoder: AudioDecoder, layers: readonly number[]): string {
  const parts = [audio.id, audio.model, audio.modelSha256, audio.contentSha256, audio.frameCount, decoder.identity, layersText(layers)];
  return `"rc-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}"`;
}
