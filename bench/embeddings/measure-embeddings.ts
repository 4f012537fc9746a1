import { CodeEmbeddingsDocument, PackedEmbeddingsDocument } from '../../src/client/generated/graphql.js';
import { listen } from '../../src/api/server.js';
import type { App } from '../../src/main.js';
import { execute, prepare } from '../execute.js';
import type { PreparedOperation } from '../execute.js';
import { measure } from '../timing.js';
import type { Repetitions, Timing } from '../timing.js';

/** One form of a window of embeddings through the API: in process (Apollo) and over HTTP (with the JSON on the wire). */
export interface EmbeddingsFigures {
  form: 'embeddings' | 'packedEmbeddings';
  frames: number;
  dim: number;
  inProcess: Timing;
  http: Timing;
  /** Bytes of one HTTP response body. */
  responseBytes: number;
}

/** Runs `op` repeatedly over HTTP on 127.0.0.1, reading each body whole; returns the timing and one body's size. */
async function overHttp<R, V>(app: App, op: PreparedOperation<R, V>, reps: Repetitions): Promise<{ timing: Timing; bytes: number }> {
  const { server, url } = await listen(app.api, app.services, 0);
  try {
    const body = JSON.stringify({ query: op.query, variables: op.variables });
    let bytes = 0;
    const timing = await measure(async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"errors"')) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      bytes = Buffer.byteLength(text);
    }, reps);
    return { timing, bytes };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Times `audio(id) { codes(startFrame: 0, frameCount) { embeddings } }` (JSON lists; at most 1,024
 * frames) or `{ packedEmbeddings { data } }` (float32 base64) on audio `audioId`: through Apollo in
 * process, as the other API benchmarks do, and over HTTP with the body read whole, which adds
 * serialising the JSON and moving its bytes.
 */
export async function measureEmbeddings(app: App, audioId: number, form: EmbeddingsFigures['form'], frameCount: number, reps: Repetitions): Promise<EmbeddingsFigures> {
  const variables = { id: String(audioId), startFrame: 0, frameCount, layers: 16 };
  if (form === 'embeddings') {
    const op = prepare(CodeEmbeddingsDocument, variables);
    const rows = (await execute(app, op)).audio.codes.embeddings;
    const inProcess = await measure(() => execute(app, op), reps);
    const http = await overHttp(app, op, reps);
    return { form, frames: rows.length, dim: rows[0]?.length ?? 0, inProcess, http: http.timing, responseBytes: http.bytes };
  }
  const op = prepare(PackedEmbeddingsDocument, variables);
  const packed = (await execute(app, op)).audio.codes.packedEmbeddings;
  const inProcess = await measure(() => execute(app, op), reps);
  const http = await overHttp(app, op, reps);
  return { form, frames: packed.frames, dim: packed.dim, inProcess, http: http.timing, responseBytes: http.bytes };
}
