import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { REFERENCE_MODEL_ID } from '../../src/config/settings.js';
import type { DecoderBackend, FrameSpan } from '../../src/decoders/decoder.js';
import { registerDecoderKind } from '../../src/decoders/decoder-registry.js';
import type { CodeMatrix } from '../../src/domain/code-matrix.js';
import { SAMPLES_PER_FRAME } from '../../src/domain/contract.js';
import { LIMITS } from '../../src/api/limits.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { dataOf, execute } from '../support/graphql.js';
import { rawRequest, serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** Blocks the stub decoder has produced, and a gate that holds each block until opened (all open by default). */
const stub = { produced: 0, gate: Promise.resolve() as Promise<void> };

// This file runs in its own process: the reference kind is replaced by a slow stub that counts its work.
registerDecoderKind('reference', async (model): Promise<DecoderBackend> => ({
  info: { modelId: model.manifest.id, modelSha256: model.manifest.sha256, kind: 'reference', summary: 'stub', ablation: { kind: 'partial-sums' } },
  async *blocks(codes: CodeMatrix, _layers: readonly number[], span?: FrameSpan) {
    const { start, count } = span ?? { start: 0, count: codes.frames };
    for (let f = start; f < start + count; f++) {
      await stub.gate;
      await sleep(5);
      stub.produced++;
      yield new Float32Array(SAMPLES_PER_FRAME).fill(0.25);
    }
  },
  close: async () => undefined,
}));

describe('reconstruction streams under load', () => {
  let t: TestApp;
  let served: Served;
  let id: number;

  before(async () => {
    t = await createTestApp();
    served = await serve(t.app);
    const jsonl = await writeJsonl(join(t.root, 'long.jsonl'), [randomRows(seededRandom(9), 400)]);
    id = dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'c', paths: [jsonl], model: REFERENCE_MODEL_ID })).ingestCodes.files[0]!.audioIds[0]!;
  });
  after(async () => {
    await served.close();
    await t.close();
  });

  it('stops decoding when the client goes away mid-body', async () => {
    stub.produced = 0;
    const { hostname, port } = new URL(served.origin);
    await new Promise<void>((resolve, reject) => {
      const req = request({ hostname, port, path: `/media/reconstruction/${id}`, agent: false }, (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // Past the header and a few frames: hang up.
          if (received > 44 + 5 * SAMPLES_PER_FRAME * 2) {
            req.destroy();
            resolve();
          }
        });
        res.on('error', () => undefined);
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      req.end();
    });
    await sleep(300);
    const atStop = stub.produced;
    await sleep(300);
    assert.equal(stub.produced, atStop, 'no block was produced after the client had gone');
    assert.ok(atStop < 50, `the decode stopped early: ${atStop} of 400 blocks`);
  });

  it(`runs at most ${LIMITS.maxConcurrentDecodes} decode steps at once, queues ${LIMITS.maxQueuedDecodes}, and answers the next with 503 and Retry-After`, async () => {
    let open!: () => void;
    stub.gate = new Promise<void>((resolve) => (open = resolve));
    const held = LIMITS.maxConcurrentDecodes + LIMITS.maxQueuedDecodes;
    const waiting = Array.from({ length: held }, () => rawRequest(served.origin, `/media/reconstruction/${id}`, { headers: { range: 'bytes=0-4000' } }));
    await sleep(200);
    assert.equal(t.app.services.reconstructions.lane.active, LIMITS.maxConcurrentDecodes);
    const refused = await rawRequest(served.origin, `/media/reconstruction/${id}`, { headers: { range: 'bytes=0-4000' } });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers['retry-after'], '2');
    assert.match(refused.body.toString(), /"code":"LIMIT_EXCEEDED".*too many reconstructions are being decoded/);
    open();
    stub.gate = Promise.resolve();
    const answered = await Promise.all(waiting);
    assert.deepEqual(answered.map((r) => r.status), answered.map(() => 206));
    assert.ok(answered.every((r) => r.body.length === 4001));
    assert.equal(t.app.services.reconstructions.lane.active, 0);
  });
});
