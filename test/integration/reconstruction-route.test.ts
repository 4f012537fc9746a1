import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { LIMITS } from '../../src/api/limits.js';
import { IngestAudioDocument, IngestCodesDocument, IngestJobDocument } from '../../src/client/generated/graphql.js';
import { openDecoder } from '../../src/decoders/decoder-registry.js';
import { decodeToWav } from '../../src/decoders/decode-to-wav.js';
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import { loadModel } from '../../src/tokenizer/model-registry.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { rawRequest, serve } from '../support/http.js';
import type { RawResponse, Served } from '../support/http.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { wavBytes } from '../support/wav.js';

/**
 * Three tones one after the other, 1 s each, at 24 kHz (38 frames once padded to whole frames),
 * over a white-noise floor 30 dB down: without it the spectra between the partials are empty, and
 * both distances are decided by bins that hold nothing but rounding in the original.
 */
function tones(): Float32Array {
  const out = new Float32Array(3 * 24000);
  const random = seededRandom(11);
  for (let i = 0; i < out.length; i++) out[i] = 0.4 * Math.sin((2 * Math.PI * [220, 880, 2500][Math.floor(i / 24000)]! * i) / 24000) + 0.02 * (random() - 0.5) * Math.sqrt(12);
  return out;
}

/** The three audios both suites read: the tones encoded here, codes ingested under the reference model, and codes under an external id. */
async function ingestAudios(t: TestApp): Promise<{ audioId: number; codesId: number; externalId: number }> {
  const folder = join(t.root, 'tones');
  await mkdir(folder);
  await writeFile(join(folder, 'tones.wav'), wavBytes([tones()], 24000));
  const { id } = dataOf(await execute(t.app, IngestAudioDocument, { corpus: 'tones', paths: [folder], model: REFERENCE_MODEL_ID, concurrency: 1 })).ingestAudio;
  await t.app.services.audio.jobs.idle();
  const audioId = dataOf(await execute(t.app, IngestJobDocument, { id })).ingestJob.results[0]!.audioIds[0]!;
  const codesId = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'codes', paths: [await writeJsonl(join(t.root, 'codes.jsonl'), [randomRows(seededRandom(5), 20)])], model: REFERENCE_MODEL_ID })).ingestCodes.files[0]!.audioIds[0]!;
  const externalId = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'external', paths: [await writeJsonl(join(t.root, 'external.jsonl'), [randomRows(seededRandom(6), 20)])] })).ingestCodes.files[0]!.audioIds[0]!;
  return { audioId, codesId, externalId };
}

describe('reconstructions at /media/reconstruction/<id>', () => {
  let t: TestApp;
  let served: Served;
  let audioId: number;
  let frames: number;
  let codesId: number;
  let externalId: number;
  const full = new Map<string, Buffer>();

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> => rawRequest(served.origin, path, { method, headers });

  /** What `tokenscope decode` writes for the audio: decodeToWav through the model's own decoder. */
  async function decodedWav(id: number, layers?: readonly number[]): Promise<Buffer> {
    const decoder = await openDecoder(await loadModel(join(repoRoot(), 'models'), REFERENCE_MODEL_ID));
    try {
      const [row] = await t.app.store.audios.findByIds([id]);
      const out = join(t.root, `decoded-${id}-${layers?.length ?? 16}.wav`);
      await decodeToWav(decoder, { codes: await t.app.store.audios.matrix(id), model: { id: REFERENCE_MODEL_ID, sha256: row!.modelSha256 } }, out, layers ? { layers } : {});
      return readFile(out);
    } finally {
      await decoder.close();
    }
  }

  before(async () => {
    t = await createTestApp();
    served = await serve(t.app);
    ({ audioId, codesId, externalId } = await ingestAudios(t));
    frames = (await t.app.store.audios.require(audioId)).frameCount;
  });
  after(async () => {
    await served.close();
    await t.close();
  });

  it('streams the whole reconstruction byte for byte as decodeToWav writes it, for all layers and for layers 1-4', async () => {
    assert.equal(frames, 38);
    for (const [query, layers] of [['', undefined], ['?layers=1-4', [1, 2, 3, 4]]] as const) {
      const res = await get(`/media/reconstruction/${audioId}${query}`);
      assert.equal(res.status, 200, query);
      assert.equal(res.headers['content-type'], 'audio/wav');
      assert.equal(res.headers['accept-ranges'], 'bytes');
      assert.equal(res.body.length, 44 + frames * 1920 * 2);
      assert.equal(res.headers['content-length'], String(res.body.length));
      assert.ok(res.body.equals(await decodedWav(audioId, layers)), `body of ${query || 'all layers'} equals decodeToWav's file`);
      full.set(query, res.body);
    }
    assert.ok(!full.get('')!.equals(full.get('?layers=1-4')!), 'layers 1-4 sound different from all 16');
  });

  it('answers a Range with exactly the bytes of the full body’s slice: inside a frame, across frames, in the header, a suffix, an open end', async () => {
    const body = full.get('') ?? (await get(`/media/reconstruction/${audioId}`)).body;
    const size = body.length;
    for (const [header, start, end] of [
      ['bytes=1000-1099', 1000, 1099],
      ['bytes=3000-50000', 3000, 50000],
      ['bytes=0-20', 0, 20],
      ['bytes=30-4000', 30, 4000],
      ['bytes=-777', size - 777, size - 1],
      [`bytes=${size - 5000}-`, size - 5000, size - 1],
    ] as const) {
      const res = await get(`/media/reconstruction/${audioId}`, { range: header });
      assert.equal(res.status, 206, header);
      assert.equal(res.headers['content-range'], `bytes ${start}-${end}/${size}`, header);
      assert.equal(res.headers['content-length'], String(end - start + 1), header);
      assert.ok(res.body.equals(body.subarray(start, end + 1)), `${header}: the slice of the full body`);
    }
    const layered = await get(`/media/reconstruction/${audioId}?layers=1-4`, { range: 'bytes=40000-90000' });
    assert.ok(layered.body.equals(full.get('?layers=1-4')!.subarray(40000, 90001)));
    const beyond = await get(`/media/reconstruction/${audioId}`, { range: `bytes=${size}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${size}`);
  });

  it('HEAD sends no body and the full length; ETag names the layers, If-None-Match answers 304, a stale If-Range gets the whole body', async () => {
    const head = await get(`/media/reconstruction/${audioId}`, {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], String(44 + frames * 3840));
    const partialHead = await get(`/media/reconstruction/${audioId}`, { range: 'bytes=100-199' }, 'HEAD');
    assert.equal(partialHead.status, 206);
    assert.equal(partialHead.headers['content-length'], '100');
    const etag = head.headers['etag']!;
    assert.match(etag, /^"rc-[0-9a-f]{32}"$/);
    const four = await get(`/media/reconstruction/${audioId}?layers=1-4`, {}, 'HEAD');
    assert.notEqual(four.headers['etag'], etag);
    assert.equal((await get(`/media/reconstruction/${audioId}?layers=1-16`, {}, 'HEAD')).headers['etag'], etag, 'layers 1-16 is the whole reconstruction');
    const cached = await get(`/media/reconstruction/${audioId}`, { 'if-none-match': etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.body.length, 0);
    const stale = await get(`/media/reconstruction/${audioId}`, { range: 'bytes=0-99', 'if-range': '"rc-other"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.body.length, 44 + frames * 3840);
    const fresh = await get(`/media/reconstruction/${audioId}`, { range: 'bytes=0-99', 'if-range': etag });
    assert.equal(fresh.status, 206);
  });

  it('reconstructs codes ingested from JSONL when their model has a decoder, and refuses codes under an external id with 404 saying why', async () => {
    const res = await get(`/media/reconstruction/${codesId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 44 + 20 * 3840);
    const refused = await get(`/media/reconstruction/${externalId}`);
    assert.equal(refused.status, 404);
    assert.match(refused.body.toString(), new RegExp(`audio ${externalId} holds codes ingested as external:qwen3-tts-tokenizer-12hz, which names no registered model, so there is no decoder for them`));
  });

  it('refuses layers 0 and 17 with 400 and the coded message, unknown and malformed ids with 404, other methods with 405', async () => {
    for (const [layers, message] of [
      ['0', /layers: layers are numbered 1\.\.16, got 0 in "0"/],
      ['17', /layers: layers are numbered 1\.\.16, got 17 in "17"/],
      ['1-x', /layers: expected a layer number 1\.\.16, a range such as 1-8, or a comma list of them, got "1-x"/],
    ] as const) {
      const res = await get(`/media/reconstruction/${audioId}?layers=${layers}`);
      assert.equal(res.status, 400, layers);
      const { error } = JSON.parse(res.body.toString()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'INVALID_ARGUMENT');
      assert.match(error.message, message);
    }
    const unknown = await get('/media/reconstruction/999999');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.toString(), /audio 999999 does not exist/);
    for (const bad of ['0', 'abc', '1.5', '..%2f..%2fetc']) assert.equal((await get(`/media/reconstruction/${bad}`)).status, 404, bad);
    const post = await get(`/media/reconstruction/${audioId}`, {}, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers['allow'], 'GET, HEAD');
  });

  it('applies the Host check: a foreign Host is refused with 421 before anything is decoded', async () => {
    const res = await get(`/media/reconstruction/${audioId}`, { host: 'evil.example' });
    assert.equal(res.status, 421);
    assert.match(res.body.toString(), /HOST_NOT_ALLOWED/);
  });
});

describe('Audio.reconstruction in GraphQL', () => {
  let t: TestApp;
  let audioId: number;
  let codesId: number;
  let externalId: number;
  const RECONSTRUCTION = parse(`query R($id: ID!, $layers: String, $start: Int!, $frames: Int!) {
    audio(id: $id) { reconstruction(layers: $layers) { url layers layersText samples seconds decoder { kind summary sha256 }
      quality(startFrame: $start, frameCount: $frames) { startFrame frameCount samples activeFrames logSpectralDistanceDb melCepstralDistortionDb } } } }`);
  type Quality = { startFrame: number; frameCount: number; samples: number; activeFrames: number; logSpectralDistanceDb: number; melCepstralDistortionDb: number };
  type Answer = { audio: { reconstruction: null | { url: string; layers: number[]; layersText: string; samples: number; seconds: number; decoder: { kind: string; summary: string; sha256: string }; quality: Quality | null } } };
  const ask = (id: number, layers: string | null, start = 0, frames = 250) => execute<Answer, Record<string, unknown>>(t.app, RECONSTRUCTION, { id: String(id), layers, start, frames });

  before(async () => {
    t = await createTestApp();
    ({ audioId, codesId, externalId } = await ingestAudios(t));
  });
  after(async () => {
    await t.close();
  });

  it('gives the route, the length, the decoder and quality figures in a plausible range that fall as layers are added', async () => {
    const model = await loadModel(join(repoRoot(), 'models'), REFERENCE_MODEL_ID);
    const all = dataOf(await ask(audioId, null)).audio.reconstruction!;
    assert.equal(all.url, `/media/reconstruction/${audioId}`);
    assert.deepEqual(all.layers, [...Array(16).keys()].map((i) => i + 1));
    assert.equal(all.layersText, '1-16');
    assert.equal(all.samples, 38 * 1920);
    assert.equal(all.seconds, 3.04);
    assert.equal(all.decoder.kind, 'reference');
    assert.equal(all.decoder.sha256, model.manifest.codebooksSha256);
    const q = all.quality!;
    // The window is cut to the original's 72,000 samples: 559 analysis frames of 512, hop 128, all of them sounding tones.
    assert.deepEqual([q.startFrame, q.frameCount, q.samples, q.activeFrames], [0, 38, 72000, 559]);
    // The dev mixtures give 9.6 dB and 18.9 dB (docs/reference-decoder.md); this audio gave 11.3 and 20.1 with the decoder of issue 11's last round.
    assert.ok(q.logSpectralDistanceDb > 5 && q.logSpectralDistanceDb < 15, `LSD ${q.logSpectralDistanceDb} dB`);
    assert.ok(q.melCepstralDistortionDb > 10 && q.melCepstralDistortionDb < 30, `MCD ${q.melCepstralDistortionDb} dB`);
    const one = dataOf(await ask(audioId, '1')).audio.reconstruction!;
    assert.equal(one.url, `/media/reconstruction/${audioId}?layers=1`);
    // MCD falls as layers are added (44.0 dB for layer 1 alone). LSD does not, on these steady tones:
    // 11.2, 13.0 and 11.3 dB for 1, 4 and 16 layers, because the loudness stage's 10 ms gains
    // modulate the narrow-band noise that renders each tone and fill the floor between partials
    // (without the stage, 10.8, 9.9 and 8.8 dB); on the dev mixtures both fall.
    assert.ok(one.quality!.melCepstralDistortionDb > q.melCepstralDistortionDb + 10, `layer 1 alone (MCD ${one.quality!.melCepstralDistortionDb} dB) is further from the original than all 16 (${q.melCepstralDistortionDb} dB)`);
    const window = dataOf(await ask(audioId, '1-4,9', 10, 12)).audio.reconstruction!;
    assert.equal(window.url, `/media/reconstruction/${audioId}?layers=1-4%2C9`);
    assert.deepEqual([window.quality!.startFrame, window.quality!.frameCount, window.quality!.samples], [10, 12, 12 * 1920]);
  });

  it('refuses a window beyond the frame limit, bad layers, and a start past the end, with coded errors; null quality without an original; null without a decoder', async () => {
    const tooLong = await ask(audioId, null, 0, LIMITS.maxReconstructionFrames + 1);
    assert.equal(tooLong.errors[0]!.extensions!['code'], 'LIMIT_EXCEEDED');
    assert.match(tooLong.errors[0]!.message, new RegExp(`frameCount may be at most ${LIMITS.maxReconstructionFrames}; received ${LIMITS.maxReconstructionFrames + 1}`));
    for (const [layers, message] of [['0', /layers: layers are numbered 1\.\.16, got 0 in "0"/], ['17', /layers: layers are numbered 1\.\.16, got 17 in "17"/]] as const) {
      const bad = await ask(audioId, layers);
      assert.equal(bad.errors[0]!.extensions!['code'], 'INVALID_ARGUMENT');
      assert.match(bad.errors[0]!.message, message);
    }
    const past = await ask(audioId, null, 38, 10);
    assert.match(past.errors[0]!.message, /startFrame must be below the audio's 38 frames; received 38/);
    const codes = dataOf(await ask(codesId, null)).audio.reconstruction!;
    assert.equal(codes.samples, 20 * 1920);
    assert.equal(codes.quality, null);
    assert.equal(dataOf(await ask(externalId, null)).audio.reconstruction, null);
  });
});
