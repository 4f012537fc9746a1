import assert from 'node:assert/strict';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'graphql';
import { IngestCodesDocument } from '../../src/client/generated/graphql.js';
import { SignalSummaries } from '../../src/api/signal-summaries.js';
import { summaryInThread } from '../../src/signal/build-summary.js';
import { readAudio24k } from '../../src/audio/index.js';
import { ErrorCode } from '../../src/errors.js';
import { randomRows, seededRandom, writeJsonl } from '../support/code-files.js';
import { assertRejectsCode } from '../support/errors.js';
import { dataOf, execute, onlyError } from '../support/graphql.js';
import { post, serve } from '../support/http.js';
import type { Served } from '../support/http.js';
import { ingestAudioFolder } from '../support/ingest-audio.js';
import { repoRoot } from '../support/paths.js';
import { createTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { wavBytes } from '../support/wav.js';

const RATE = 24_000;
const SIGNAL = parse(`query Signal($id: ID!, $startFrame: Int!, $frameCount: Int!, $columns: Int!) {
  audio(id: $id) { signal(startFrame: $startFrame, frameCount: $frameCount, columns: $columns) {
    startFrame frameCount startSeconds endSeconds
    waveform { columns secondsPerColumn min max rms }
    spectrogram { columns secondsPerColumn bands maxHz fftSize hopSeconds floorDb stepDb levels }
  } }
}`);

interface SignalData {
  audio: {
    signal: {
      startFrame: number;
      frameCount: number;
      startSeconds: number;
      endSeconds: number;
      waveform: { columns: number; secondsPerColumn: number; min: string; max: string; rms: string };
      spectrogram: { columns: number; secondsPerColumn: number; bands: number; maxHz: number; fftSize: number; hopSeconds: number; floorDb: number; stepDb: number; levels: string };
    };
  };
}

const floats = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
};

/** 4 s: silence, then 1 s of a 1 kHz sine at half scale from 2 s, then silence. */
function toneAtTwoSeconds(): Float32Array {
  return Float32Array.from({ length: 4 * RATE }, (_, i) => (i >= 2 * RATE && i < 3 * RATE ? 0.5 * Math.sin((2 * Math.PI * 1000 * i) / RATE) : 0));
}

describe('Audio.signal: the waveform and spectrogram of the original audio', () => {
  let t: TestApp;
  let served: Served;
  let folder: string;
  let tone: string;
  let gone: string;
  let replaced: string;
  let codesOnly: string;

  before(async () => {
    t = await createTestApp({ modelsDir: join(repoRoot(), 'test', 'fixtures', 'models') });
    folder = join(t.root, 'signal');
    await mkdir(folder);
    await writeFile(join(folder, 'a-tone.wav'), wavBytes([toneAtTwoSeconds()], RATE));
    await writeFile(join(folder, 'b-gone.wav'), wavBytes([toneAtTwoSeconds().subarray(0, 3 * RATE)], RATE));
    await writeFile(join(folder, 'c-replaced.wav'), wavBytes([toneAtTwoSeconds().subarray(0, 2 * RATE)], RATE));
    [tone, gone, replaced] = (await ingestAudioFolder(t, 'signal', folder)).map(String) as [string, string, string];
    const codes = await writeJsonl(join(t.root, 'codes.jsonl'), [randomRows(seededRandom(3), 20)]);
    codesOnly = String(dataOf(await execute(t.app, IngestCodesDocument, { corpus: 'codes', paths: [codes] })).ingestCodes.files[0]!.audioIds[0]);
    served = await serve(t.app);
  });
  after(async () => {
    await served?.close();
    await t?.close();
  });

  const signal = (id: string, startFrame: number, frameCount: number, columns: number) => execute<SignalData, Record<string, unknown>>(t.app, SIGNAL, { id, startFrame, frameCount, columns });

  it('shows the tone where it is: the loud waveform columns and the 1 kHz band lie in 2–3 s', async () => {
    const s = dataOf(await signal(tone, 0, 50, 40)).audio.signal;
    assert.deepEqual([s.startFrame, s.frameCount, s.startSeconds, s.endSeconds], [0, 50, 0, 4]);
    assert.equal(s.waveform.columns, 40);
    assert.equal(s.waveform.secondsPerColumn, 0.1);
    const rms = floats(s.waveform.rms);
    const max = floats(s.waveform.max);
    const loud = rms.flatMap((r, c) => (r > 0.1 ? [c] : []));
    assert.deepEqual(loud, Array.from({ length: 10 }, (_, i) => 20 + i));
    assert.ok(Math.abs(rms[25]! - 0.5 / Math.SQRT2) < 0.01, `rms ${rms[25]}`);
    assert.ok(Math.abs(max[25]! - 0.5) < 0.01, `max ${max[25]}`);
    assert.deepEqual(floats(s.waveform.min).slice(0, 20), new Array(20).fill(0));

    const spec = s.spectrogram;
    assert.deepEqual([spec.columns, spec.bands, spec.fftSize, spec.hopSeconds, spec.maxHz, spec.floorDb, spec.stepDb], [40, 64, 1024, 0.02, 12_000, -120, 0.5]);
    const levels = Buffer.from(spec.levels, 'base64');
    assert.equal(levels.length, 40 * 64);
    const column = (c: number) => [...levels.subarray(c * 64, (c + 1) * 64)];
    const middle = column(25);
    const loudest = middle.indexOf(Math.max(...middle));
    const hzOf = (band: number) => 700 * (10 ** ((2595 * Math.log10(1 + 12_000 / 700) * (band + 1)) / 65 / 2595) - 1);
    assert.ok(Math.abs(hzOf(loudest) - 1000) < 120, `loudest band ${loudest} at ${hzOf(loudest)} Hz`);
    assert.ok(spec.floorDb + middle[loudest]! * spec.stepDb > -20);
    assert.ok(Math.max(...column(5)) === 0, 'silence reads as the floor');
  });

  it('gives one column per 10 ms bin (waveform) and per 20 ms hop (spectrogram) when asked for more', async () => {
    const s = dataOf(await signal(tone, 25, 5, 2000)).audio.signal;
    assert.equal(s.waveform.columns, 40);
    assert.equal(s.spectrogram.columns, 20);
    assert.equal(s.startSeconds, 2);
  });

  it('cuts a window running past the end at the audio\'s last frame', async () => {
    const s = dataOf(await signal(tone, 40, 4096, 100)).audio.signal;
    assert.equal(s.frameCount, 10);
    assert.equal(s.endSeconds, 4);
  });

  describe('bounds and bad ranges', () => {
    it('refuses frameCount over 4096 and columns over 2048 with LIMIT_EXCEEDED, naming them', async () => {
      onlyError(await signal(tone, 0, 4097, 100), 'LIMIT_EXCEEDED', /frameCount may be at most 4096; received 4097/);
      onlyError(await signal(tone, 0, 100, 2049), 'LIMIT_EXCEEDED', /columns may be at most 2048; received 2049/);
    });

    it('refuses zero columns, zero frames and a negative start with INVALID_ARGUMENT', async () => {
      onlyError(await signal(tone, 0, 100, 0), 'INVALID_ARGUMENT', /columns must be an integer ≥ 1; received 0/);
      onlyError(await signal(tone, 0, 0, 10), 'INVALID_ARGUMENT', /frameCount must be an integer ≥ 1; received 0/);
      onlyError(await signal(tone, -1, 10, 10), 'INVALID_ARGUMENT', /startFrame must be an integer ≥ 0; received -1/);
    });

    it('refuses a start at or past the end of the audio, naming its length', async () => {
      onlyError(await signal(tone, 50, 10, 10), 'INVALID_ARGUMENT', /startFrame must be below the audio's 50 frames; received 50/);
    });
  });

  describe('access rules of the media route', () => {
    it('refuses an audio ingested from codes with NOT_FOUND, saying there is no original audio', async () => {
      onlyError(await signal(codesOnly, 0, 10, 10), 'NOT_FOUND', /ingested from codes: there is no original audio to draw a waveform or spectrogram from/);
    });

    it('refuses over HTTP a file outside the data roots with PATH_OUTSIDE_ROOTS as GraphQL JSON, not a 403 page, naming no root', async () => {
      const config = t.app.services.config;
      t.app.services.config = { ...config, dataRoots: [join(t.root, 'elsewhere')] };
      try {
        const res = await post(served.url, SIGNAL, { id: tone, startFrame: 0, frameCount: 10, columns: 10 });
        assert.equal(res.errors.length, 1);
        assert.equal(res.errors[0]!.extensions?.['code'], 'PATH_OUTSIDE_ROOTS');
        assert.match(res.errors[0]!.message, /audio \d+: its original file is not inside the folders this server may read, so no waveform or spectrogram can be drawn; start the server with a --data-root above it/);
        assert.doesNotMatch(res.errors[0]!.message, new RegExp(t.root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      } finally {
        t.app.services.config = config;
      }
    });

    it('refuses a file gone from its path with NOT_FOUND', async () => {
      await rename(join(folder, 'b-gone.wav'), join(t.root, 'moved.wav'));
      onlyError(await signal(gone, 0, 10, 10), 'NOT_FOUND', /its original file is gone \(nothing at its stored path\)/);
    });

    it('refuses a file that holds other bytes than were ingested with SOURCE_CHANGED', async () => {
      const other = wavBytes([toneAtTwoSeconds().subarray(0, 2 * RATE)], RATE);
      other[other.length - 1] ^= 0xff;
      await writeFile(join(folder, 'c-replaced.wav'), other);
      onlyError(await signal(replaced, 0, 10, 10), 'SOURCE_CHANGED', /its original file has changed since it was ingested/);
    });
  });

  describe('the summary is built once per file', () => {
    it('decodes a file once however many windows are asked for', async () => {
      let reads = 0;
      const summaries = new SignalSummaries(
        t.app.store,
        summaryInThread((path) => {
          reads++;
          return readAudio24k(path, { chunkSamples: 4800 });
        }),
      );
      const row = await t.app.store.audios.require(Number(tone));
      const a = await summaries.window(row, t.app.services.config.dataRoots, 0, 50, 10);
      const b = await summaries.window(row, t.app.services.config.dataRoots, 25, 12, 10);
      assert.equal(reads, 1);
      assert.ok(a.waveform.max[5]! > 0.4 && b.waveform.max[0]! > 0.4);
      // 4 s: 400 bins × 12 bytes + 200 columns × 64 bytes.
      assert.equal(summaries.bytes, 400 * 12 + 200 * 64);
    });

    it('answers a window near the start before the whole file is summarised', async () => {
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      const summaries = new SignalSummaries(
        t.app.store,
        summaryInThread(async function* (path) {
          let n = 0;
          for await (const chunk of readAudio24k(path, { chunkSamples: 4800 })) {
            if (n++ === 5) await held; // stop after 1 s until released
            yield chunk;
          }
        }),
      );
      const row = await t.app.store.audios.require(Number(tone));
      const early = await summaries.window(row, t.app.services.config.dataRoots, 0, 5, 5);
      assert.equal(early.waveform.columns, 5);
      const late = summaries.window(row, t.app.services.config.dataRoots, 25, 5, 5);
      release();
      assert.ok((await late).waveform.max[0]! > 0.4);
    });

    it('forgets a summary whose build failed, and reports the decoder\'s error', async () => {
      const summaries = new SignalSummaries(
        t.app.store,
        summaryInThread(async function* () {
          yield new Float32Array(10);
          throw new Error('decoder broke');
        }),
      );
      const row = await t.app.store.audios.require(Number(tone));
      await assert.rejects(summaries.window(row, t.app.services.config.dataRoots, 0, 50, 10), /decoder broke/);
      assert.equal(summaries.bytes, 0);
      await assertRejectsCode(summaries.window(await t.app.store.audios.require(Number(codesOnly)), t.app.services.config.dataRoots, 0, 5, 5), ErrorCode.NOT_FOUND, /ingested from codes/);
    });
  });
});
