import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readAudio24k } from '../../../src/audio/index.js';
import { ErrorCode } from '../../../src/errors.js';
import { summaryInThread } from '../../../src/signal/build-summary.js';
import { SignalSummary } from '../../../src/signal/signal-summary.js';
import { summaryInWorker } from '../../../src/signal/summary-in-worker.js';
import { assertRejectsCode } from '../../support/errors.js';
import { testSignal, writeWav } from '../../support/wav.js';

const RATE = 24_000;

describe('summaryInWorker', () => {
  let folder: string;
  let wav: string;
  /** 7.3 s at 44.1 kHz: resampled, and neither bins nor columns end on a chunk boundary. */
  const SECONDS = 7.3;
  const expected = Math.round(SECONDS * RATE);

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tokenscope-summary-'));
    wav = join(folder, 'noise.wav');
    await writeWav(wav, testSignal(SECONDS, 44_100, 7), 44_100);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('builds exactly the summary the caller\'s thread builds, reporting progress as it goes', async () => {
    const here = new SignalSummary(expected);
    await summaryInThread((path) => readAudio24k(path, { chunkSamples: 4800 }))(wav, here, () => {}, new AbortController().signal);
    const there = new SignalSummary(expected);
    const reaches: number[] = [];
    await summaryInWorker(4800)(wav, there, () => reaches.push(there.spectrogram.columns), new AbortController().signal);
    assert.equal(there.done, true);
    assert.equal(there.samples, here.samples);
    assert.deepEqual(there.peaks.min, here.peaks.min);
    assert.deepEqual(there.peaks.max, here.peaks.max);
    assert.deepEqual(there.peaks.meanSquare, here.peaks.meanSquare);
    assert.equal(there.spectrogram.columns, here.spectrogram.columns);
    assert.deepEqual(there.spectrogram.data, here.spectrogram.data);
    assert.equal(there.bytes, here.bytes);
    // Progress never goes back, and the last report is the finished summary.
    assert.ok(reaches.length >= 1);
    assert.deepEqual([...reaches].sort((a, b) => a - b), reaches);
    assert.equal(reaches.at(-1), here.spectrogram.columns);
  });

  it('rejects with the decoder\'s coded error for a file that is not audio', async () => {
    const bad = join(folder, 'not-audio.wav');
    await writeFile(bad, 'RIFF....WAVEjunk that is no fmt chunk');
    await assertRejectsCode(summaryInWorker(4800)(bad, new SignalSummary(1000), () => {}, new AbortController().signal), ErrorCode.INVALID_AUDIO, /not-audio\.wav/);
  });

  it('stops when its signal is aborted, with the abort\'s reason', async () => {
    const stop = new AbortController();
    const summary = new SignalSummary(expected);
    const build = summaryInWorker(4800)(wav, summary, () => {}, stop.signal);
    stop.abort(new Error('stopping now'));
    await assert.rejects(build, /stopping now/);
    assert.equal(summary.done, false);
  });
});
