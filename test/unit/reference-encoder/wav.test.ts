import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readPcm16Wav } from '../../../scripts/build-model/wav.js';

function wav(samples: readonly number[], channels = 1, rate = 24_000): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, 2 * i));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('readPcm16Wav (the build’s corpus reader)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'refenc-wav-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads 24 kHz mono 16-bit samples as floats in [-1, 1)', () => {
    writeFileSync(join(dir, 'a.wav'), wav([0, 16384, -32768, 32767]));
    assert.deepEqual(Array.from(readPcm16Wav(join(dir, 'a.wav'))), [0, 0.5, -1, 32767 / 32768]);
  });

  it('refuses a stereo file, naming what it found', () => {
    writeFileSync(join(dir, 'b.wav'), wav([0, 0], 2));
    assert.throws(() => readPcm16Wav(join(dir, 'b.wav')), /expected a 24 kHz mono 16-bit PCM WAV, found format 1, 2 channel\(s\), 24000 Hz, 16 bits/);
  });

  it('refuses a file that is not RIFF/WAVE', () => {
    writeFileSync(join(dir, 'c.wav'), Buffer.from('not a wav file at all'));
    assert.throws(() => readPcm16Wav(join(dir, 'c.wav')), /found no RIFF\/WAVE header/);
  });
});
