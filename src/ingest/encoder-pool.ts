import type { DeviceRequest } from '../tokenizer/execution-device.js';
import { loadModel } from '../tokenizer/model-registry.js';
import { openTokenizer } from '../tokenizer/open-tokenizer.js';
import { openTokenizerInWorker } from '../tokenizer/worker-tokenizer.js';
import type { ModelInfo, Tokenizer } from '../tokenizer/tokenizer.js';
import type { AudioEncoder } from './ingest-audio.js';

/** Settings of the encoders an app opens. */
export interface EncoderSettings {
  /** Folder of registered models (models/<id>/manifest.json). */
  modelsDir: string;
  /** Model used when a request names none. */
  defaultModel: string;
  device: DeviceRequest;
  /** onnxruntime intra-op threads; 0 = its default. */
  threads: number;
  /** Run each session in a worker thread (default false: in this thread). */
  inWorker?: boolean;
}

/** An encoder together with what the tokenizer reported about itself (device used and why). */
export type PooledEncoder = AudioEncoder & { info: ModelInfo };

function adapt(t: Tokenizer): PooledEncoder {
  return {
    info: t.model,
    modelId: t.model.id,
    modelSha256: t.model.sha256,
    contextFrames: t.model.contextual ? t.model.chunkOverlapFrames : 0,
    encode: (samples) => t.encode(samples),
  };
}

/** Opens one tokenizer per model on first use and keeps it; close() releases every session. */
export class EncoderPool {
  private readonly open = new Map<string, Promise<Tokenizer>>();

  constructor(readonly settings: EncoderSettings) {}

  /** The encoder of `modelId` (default model when absent); NOT_FOUND lists the registered ids. */
  async get(modelId?: string | null): Promise<PooledEncoder> {
    const id = modelId ?? this.settings.defaultModel;
    let tokenizer = this.open.get(id);
    if (!tokenizer) {
      const options = { device: this.settings.device, threads: this.settings.threads };
      tokenizer = loadModel(this.settings.modelsDir, id).then((m) => (this.settings.inWorker ? openTokenizerInWorker(m, options) : openTokenizer(m, options)));
      this.open.set(id, tokenizer);
      tokenizer.catch(() => this.open.delete(id));
    }
    return adapt(await tokenizer);
  }

  /** Releases every session opened so far. */
  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const t of all) await t.then((x) => x.close(), () => undefined);
  }
}
