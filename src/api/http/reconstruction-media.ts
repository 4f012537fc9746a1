import type { IncomingMessage, ServerResponse } from 'node:http';
import { wavHeader } from '../../audio/wav-writer.js';
import { ALL_LAYERS, SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../domain/contract.js';
import { parseLayers } from '../../decoders/parse-layers.js';
import { framesOfBytes, pcm16WavBytes, wavByteWindow } from '../../decoders/wav-byte-window.js';
import { ErrorCode, TokenscopeError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { Release } from '../lanes.js';
import { throughLane } from '../lane-blocks.js';
import type { Reconstructions } from '../reconstructions.js';
import { reconstructionEtag } from '../reconstructions.js';
import { parseByteRange } from './byte-range.js';
import { ifNoneMatchHits, ifRangeHolds } from './etag.js';
import { mediaAudioId } from './media-request.js';
import { httpStatusOf, sendJsonError, sendText } from './respond.js';

/** Frames of a stream's first block: 2 s, so a player has its first second long before a long decode ends. */
const LEAD_FRAMES = 25;

/** Seconds a client refused for a full decode lane is told to wait. */
const RETRY_AFTER_SECONDS = 2;

/**
 * GET/HEAD `/media/reconstruction/<id>?layers=1-8`: the audio's codes decoded by its model's
 * decoder (layers optional, all 16 when absent), as a 24 kHz mono 16-bit WAV of exactly N·1920
 * samples, streamed: the header first (the length is known), then chunk by chunk as the decoder
 * produces them. A single byte range answers 206 by decoding only the chunks that cover it (with
 * their context); the ETag names the audio, its codes, the decoder and the layers, so
 * If-None-Match answers 304 and If-Range is honoured. Open to the readers /media/audio is open to;
 * codes ingested without audio have a reconstruction too, when their model has a decoder. Each
 * decode step waits for a place in the decode lane (503 with Retry-After when too many wait); a
 * client that goes away stops the decode.
 */
export async function serveReconstructionMedia(req: IncomingMessage, res: ServerResponse, store: Store, reconstructions: Reconstructions, encodedId: string, search: string | undefined): Promise<void> {
  const id = mediaAudioId(req, res, encodedId);
  if (id === null) return;
  const layersParam = new URLSearchParams(search ?? '').get('layers');
  let layers: readonly number[] = ALL_LAYERS;
  try {
    if (layersParam !== null) layers = parseLayers(layersParam, 'layers');
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    sendJsonError(res, 400, err.code, err.message);
    return;
  }
  const [audio] = await store.audios.findByIds([id]);
  if (!audio) {
    sendText(res, 404, `audio ${id} does not exist`);
    return;
  }
  let opened;
  try {
    opened = await reconstructions.decoderOf(audio);
    if (layers.length < ALL_LAYERS.length && opened.decoder.info.ablation.kind === 'none') {
      throw new TokenscopeError(ErrorCode.UNSUPPORTED_OPERATION, `layers: the ${opened.decoder.info.summary} decoder of model '${audio.model}' decodes all 16 layers only: ${opened.decoder.info.ablation.reason}`);
    }
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    if (err.code === ErrorCode.NOT_FOUND) sendText(res, 404, err.message);
    else sendJsonError(res, httpStatusOf(err.code), err.code, err.message);
    return;
  }
  const size = pcm16WavBytes(audio.frameCount);
  const etag = reconstructionEtag(audio, opened, layers);
  const common = { 'content-type': 'audio/wav', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'accept-ranges': 'bytes', etag };
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
    res.writeHead(304, common).end();
    return;
  }
  // No Last-Modified: an If-Range must carry the ETag to hold.
  const range = ifRangeHolds([req.headers['if-range']].flat()[0], etag, etag) ? parseByteRange(req.headers['range'], size) : { kind: 'full' as const };
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'content-type': 'text/plain; charset=utf-8', 'content-range': `bytes */${size}` }).end(`range not satisfiable: the reconstruction has ${size} bytes\n`);
    return;
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  const headers = { ...common, 'content-length': String(end - start + 1), ...(range.kind === 'partial' ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}) };
  if (req.method === 'HEAD') {
    res.writeHead(range.kind === 'partial' ? 206 : 200, headers).end();
    return;
  }
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  const span = framesOfBytes(start, end, audio.frameCount);
  // The first decode step's place is taken before the status is sent, so a full lane is a 503, not a cut body.
  let first: Release | undefined;
  if (span) {
    try {
      first = await reconstructions.lane.enter(gone.signal);
    } catch (err) {
      if (gone.signal.aborted) return;
      if (!(err instanceof TokenscopeError)) throw err;
      sendJsonError(res, 503, err.code, `too many reconstructions are being decoded: ${err.message}`, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return;
    }
  }
  let blocks: AsyncIterable<Float32Array> | Iterable<Float32Array> = [];
  try {
    if (span) {
      const codes = await store.audios.window(audio.id, 0, audio.frameCount);
      // Validated here (codes of another model, a bad token), before the status is sent.
      const stream = opened.decoder.stream({ codes, model: opened.model }, { layers, span, leadFrames: LEAD_FRAMES });
      blocks = throughLane(stream, reconstructions.lane, gone.signal, first);
      first = undefined;
    }
  } catch (err) {
    if (!(err instanceof TokenscopeError)) throw err;
    sendJsonError(res, httpStatusOf(err.code), err.code, err.message);
    return;
  } finally {
    first?.();
  }
  res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
  const bytes = wavByteWindow(wavHeader(audio.frameCount * SAMPLES_PER_FRAME, SAMPLE_RATE, 'pcm16'), blocks, span?.start ?? 0, start, end);
  try {
    for await (const chunk of bytes) {
      if (gone.signal.aborted) break;
      if (!res.write(chunk)) await drained(res, gone.signal);
    }
    if (!gone.signal.aborted) res.end();
  } catch (err) {
    // The client went away (its decode was stopped with it), or the decode failed mid-body: the
    // status is sent, so the body is cut off, which a player sees as a failed request.
    if (!gone.signal.aborted) console.error(`reconstruction of audio ${id}:`, err);
    res.destroy();
  }
}

/** Resolves when `res` can take more, or when the client has gone. */
function drained(res: ServerResponse, gone: AbortSignal): Promise<void> {
  if (gone.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      gone.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    gone.addEventListener('abort', done, { once: true });
  });
}
